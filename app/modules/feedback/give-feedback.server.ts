import type { z } from 'zod';
import { feedback } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import type { feedbackSchema, FeedbackSubject } from './schemas';

/** Whether this person's interaction is complete enough to rate: their report answered, their idea reviewed, their vote cast. */
export async function mayGiveFeedback(userId: string, subject: FeedbackSubject, subjectId: number): Promise<boolean> {
  const [row] =
    subject === 'report'
      ? await sql`SELECT 1 FROM reports WHERE id = ${subjectId} AND author_id = ${userId} AND answered_at IS NOT NULL`
      : subject === 'idea'
        ? await sql`SELECT 1 FROM ideas i WHERE i.id = ${subjectId} AND i.author_id = ${userId} AND EXISTS (SELECT 1 FROM idea_assessments a WHERE a.idea_id = i.id)`
        : await sql`SELECT 1 FROM ballot_participations WHERE ballot_id = ${subjectId} AND user_id = ${userId}`;
  return !!row;
}

export async function hasGivenFeedback(userId: string, subject: FeedbackSubject, subjectId: number): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM feedback WHERE user_id = ${userId} AND subject = ${subject} AND subject_id = ${subjectId}`;
  return !!row;
}

/** Whether the rating form is still offered: the interaction is complete and the person has not rated it yet. */
export async function canStillGiveFeedback(userId: string, subject: FeedbackSubject, subjectId: number): Promise<boolean> {
  const [may, given] = await Promise.all([mayGiveFeedback(userId, subject, subjectId), hasGivenFeedback(userId, subject, subjectId)]);
  return may && !given;
}

/** Records a rating once; a second one for the same interaction is refused (the unique index decides under races). */
export async function giveFeedback(userId: string, input: z.output<typeof feedbackSchema>): Promise<Result<null, { score: 'feedback.notYours' | 'feedback.already' }>> {
  if (!(await mayGiveFeedback(userId, input.subject, input.subjectId))) return { ok: false, errors: { score: 'feedback.notYours' } };
  const [row] = await db
    .insert(feedback)
    .values({ userId, subject: input.subject, subjectId: input.subjectId, score: input.score, comment: input.comment ?? null })
    .onConflictDoNothing()
    .returning({ id: feedback.id });
  if (!row) return { ok: false, errors: { score: 'feedback.already' } };
  return { ok: true, value: null };
}
