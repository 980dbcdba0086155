import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { ballotDistricts, ballotOptions, ballotQuestions, ballots, initiatives } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { enqueueInitiativeNotice } from './jobs';
import { lockInitiative } from './locks.server';
import { recordInitiativeNotice } from './notices.server';
import type { reviewSchema } from './schemas';

/**
 * The experts decide on an initiative that reached its threshold: an official answer with its reasons, or a city
 * ballot. Sending to vote makes a DRAFT ballot for the Votes tool (which schedules and opens it, as for a project's
 * shortlist): one yes/no question, for the initiative's district or the whole city. Once, under the row lock; the
 * author and supporters are told; the audit log keeps it.
 */
export async function reviewInitiative(expertId: string, initiativeId: number, input: z.output<typeof reviewSchema>, now = new Date()): Promise<Result<{ ballotId: number | null }>> {
  const outcome = await db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative) return { ok: false as const, errors: { form: 'errors.invalid' as const } };
    if (initiative.status !== 'review') return { ok: false as const, errors: { form: 'initiatives.notInReview' as const } };
    const params = { title: initiative.title };
    if (input.intent === 'answer') {
      await tx.update(initiatives).set({ status: 'answered', answer: input.answer, answeredAt: now, answeredBy: expertId, updatedAt: now }).where(eq(initiatives.id, initiativeId));
      await recordAudit(tx, { actorId: expertId, action: 'initiative.answer', targetType: 'initiative', targetId: initiativeId, before: { status: 'review' }, after: { status: 'answered', answer: input.answer } });
      const noticeId = await recordInitiativeNotice(tx, initiativeId, 'answered', params);
      return { ok: true as const, value: { ballotId: null }, noticeId };
    }
    const [ballot] = await tx
      .insert(ballots)
      .values({ titleRu: initiative.title, titleEn: initiative.title, descriptionRu: initiative.body, descriptionEn: initiative.body, status: 'draft', createdBy: expertId })
      .returning({ id: ballots.id });
    const [question] = await tx
      .insert(ballotQuestions)
      .values({ ballotId: ballot!.id, position: 1, textRu: 'Поддерживаете ли вы эту инициативу жителей?', textEn: "Do you support this residents' initiative?", kind: 'single', maxChoices: 1 })
      .returning({ id: ballotQuestions.id });
    if (initiative.districtId !== null) await tx.insert(ballotDistricts).values({ ballotId: ballot!.id, districtId: initiative.districtId });
    await tx.insert(ballotOptions).values([
      { questionId: question!.id, position: 1, labelRu: 'За', labelEn: 'For' },
      { questionId: question!.id, position: 2, labelRu: 'Против', labelEn: 'Against' },
    ]);
    await tx.update(initiatives).set({ status: 'voting', ballotId: ballot!.id, answeredAt: now, answeredBy: expertId, updatedAt: now }).where(eq(initiatives.id, initiativeId));
    await recordAudit(tx, { actorId: expertId, action: 'initiative.send-to-vote', targetType: 'initiative', targetId: initiativeId, before: { status: 'review' }, after: { status: 'voting', ballotId: ballot!.id } });
    const noticeId = await recordInitiativeNotice(tx, initiativeId, 'voting', params);
    return { ok: true as const, value: { ballotId: ballot!.id }, noticeId };
  });
  if (!outcome.ok) return outcome;
  await enqueueInitiativeNotice(outcome.noticeId);
  return { ok: true, value: outcome.value };
}
