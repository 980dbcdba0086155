import type { z } from 'zod';
import { feedback } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { stagesOf, type feedbackSchema, type FeedbackStage, type FeedbackSubject } from './schemas';

/**
 * Whether this person has reached this point of the interaction (ADR 050): their report filed, moderated or
 * answered; their idea reviewed; their vote cast (the participation, never the cast, so the rating stays unlinkable
 * to the choice); their visit booked (not cancelled) or served.
 */
export async function mayGiveFeedback(userId: string, subject: FeedbackSubject, subjectId: number, stage: FeedbackStage): Promise<boolean> {
  const query = (() => {
    switch (`${subject}.${stage}`) {
      case 'report.filed':
        return sql`SELECT 1 FROM reports WHERE id = ${subjectId} AND author_id = ${userId}`;
      case 'report.moderated':
        return sql`SELECT 1 FROM reports WHERE id = ${subjectId} AND author_id = ${userId} AND moderated_at IS NOT NULL`;
      case 'report.answered':
        return sql`SELECT 1 FROM reports WHERE id = ${subjectId} AND author_id = ${userId} AND answered_at IS NOT NULL`;
      case 'idea.reviewed':
        return sql`SELECT 1 FROM ideas i WHERE i.id = ${subjectId} AND i.author_id = ${userId} AND EXISTS (SELECT 1 FROM idea_assessments a WHERE a.idea_id = i.id)`;
      case 'ballot.cast':
        return sql`SELECT 1 FROM ballot_participations WHERE ballot_id = ${subjectId} AND user_id = ${userId}`;
      case 'visit.booked':
        return sql`SELECT 1 FROM visits WHERE id = ${subjectId} AND user_id = ${userId} AND status <> 'cancelled'`;
      case 'visit.served':
        return sql`SELECT 1 FROM visits WHERE id = ${subjectId} AND user_id = ${userId} AND status = 'served'`;
      default:
        return null;
    }
  })();
  if (!query) return false;
  const [row] = await query;
  return !!row;
}

/**
 * Where this person stands in rating the interaction, from one read of their ratings: the point a rating form
 * offers now (`toRate`: the furthest stage reached, unless rated already; else null) and the points rated, in the
 * order of the interaction. An earlier stage left unrated is not offered again once a later one is reached: a person
 * is asked about where they are, not about the past.
 */
export async function ratingProgress(userId: string, subject: FeedbackSubject, subjectId: number): Promise<{ toRate: FeedbackStage | null; rated: FeedbackStage[] }> {
  const stages: readonly FeedbackStage[] = stagesOf[subject];
  const rows = await sql<{ stage: FeedbackStage }[]>`SELECT stage FROM feedback WHERE user_id = ${userId} AND subject = ${subject} AND subject_id = ${subjectId}`;
  const given = new Set(rows.map((r) => r.stage));
  const rated = stages.filter((stage) => given.has(stage));
  for (const stage of [...stages].reverse()) {
    if (await mayGiveFeedback(userId, subject, subjectId, stage)) return { toRate: given.has(stage) ? null : stage, rated };
  }
  return { toRate: null, rated };
}

/** The point of the interaction a rating form offers now, or null (ratingProgress). */
export async function stageToRate(userId: string, subject: FeedbackSubject, subjectId: number): Promise<FeedbackStage | null> {
  return (await ratingProgress(userId, subject, subjectId)).toRate;
}

/** Whether the rating form is still offered: some point of the interaction is reached and not rated yet. */
export async function canStillGiveFeedback(userId: string, subject: FeedbackSubject, subjectId: number): Promise<boolean> {
  return (await stageToRate(userId, subject, subjectId)) !== null;
}

/** What a visit's rating records beside the score: the centre, the service and who served it (the ticket's caller, else who marked it served). */
async function visitContext(visitId: number): Promise<{ centreId: number | null; serviceId: number | null; staffId: string | null }> {
  const [row] = await sql<{ centreId: number; serviceId: number; staffId: string | null }[]>`
    SELECT v.centre_id AS "centreId", v.service_id AS "serviceId",
      coalesce(
        (SELECT t.called_by FROM tickets t WHERE t.visit_id = v.id),
        (SELECT a.actor_id FROM audit_log a WHERE a.target_type = 'visit' AND a.target_id = v.id::text AND a.action = 'visit.served' ORDER BY a.at DESC LIMIT 1)
      ) AS "staffId"
    FROM visits v WHERE v.id = ${visitId}`;
  return row ?? { centreId: null, serviceId: null, staffId: null };
}

/** Records a rating once per point of interaction; a second one is refused (the unique index decides under races). */
export async function giveFeedback(userId: string, input: z.output<typeof feedbackSchema>): Promise<Result<null, { score: 'feedback.notYours' | 'feedback.already' }>> {
  if (!(await mayGiveFeedback(userId, input.subject, input.subjectId, input.stage))) return { ok: false, errors: { score: 'feedback.notYours' } };
  const context = input.subject === 'visit' ? await visitContext(input.subjectId) : { centreId: null, serviceId: null, staffId: null };
  // Who served is known only once the visit is served; a booking's rating is of the booking.
  if (input.stage !== 'served') context.staffId = null;
  const [row] = await db
    .insert(feedback)
    .values({
      userId,
      subject: input.subject,
      subjectId: input.subjectId,
      stage: input.stage,
      score: input.score,
      clarity: input.clarity ?? null,
      speed: input.speed ?? null,
      conduct: input.conduct ?? null,
      waiting: input.waiting ?? null,
      result: input.result ?? null,
      comment: input.comment ?? null,
      ...context,
    })
    .onConflictDoNothing()
    .returning({ id: feedback.id });
  if (!row) return { ok: false, errors: { score: 'feedback.already' } };
  return { ok: true, value: null };
}
