// Decisions after the vote: implementation items, progress updates with photos, and "done", which opens an
// evaluation ballot. The residents who voted hear of each stage.
import { and, eq, sql as dsql } from 'drizzle-orm';
import type { z } from 'zod';
import { ballotOptions, ballotQuestions, ballots, decisions, implementationItems, implementationPhotos, implementationUpdates } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import type { ProcessedPhoto } from '#app/modules/reports/index.server';
import { notifyVoters } from './ballot-lifecycle.server';
import { scheduleBallotMoves } from './jobs';
import type { implementationItemSchema, progressUpdateSchema } from './schemas';
import { storeUpload } from '#app/utils/stored-media.server';
import { implementationMedia } from './media.server';

const evaluationDays = 14;

export async function addImplementationItem(actorId: string, decisionId: number, input: z.output<typeof implementationItemSchema>): Promise<Result<{ id: number }>> {
  const outcome = await db.transaction(async (tx): Promise<Result<{ id: number; outbox: number[] }>> => {
    const [decision] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for('update');
    if (!decision) return { ok: false, errors: { form: 'votes.notFound' } };
    if (decision.status === 'done') return { ok: false, errors: { form: 'votes.decisionDone' } };
    const [row] = await tx
      .insert(implementationItems)
      .values({ decisionId, titleRu: input.titleRu, titleEn: input.titleEn, departmentId: input.departmentId ?? null, dueOn: input.dueOn })
      .returning({ id: implementationItems.id });
    await recordAudit(tx, { actorId, action: 'decision.add-item', targetType: 'decision', targetId: decisionId, after: { itemId: row!.id, ...input } });
    const outbox = await notifyVoters(tx, decision.ballotId, 'votes.notice.itemAdded', { decision: decision.id }, `/decisions/${decision.id}`);
    return { ok: true, value: { id: row!.id, outbox } };
  });
  if (!outcome.ok) return outcome;
  // The voters' push messages (those who chose the topic): left to the sweeper before, a minute late.
  await enqueueEmailDelivery(outcome.value.outbox, { broadcast: true });
  return { ok: true, value: { id: outcome.value.id } };
}

export async function postProgress(actorId: string, input: z.output<typeof progressUpdateSchema>, photos: ProcessedPhoto[]): Promise<Result<{ decisionId: number }>> {
  // Into the media store before the transaction: a failed one leaves an orphan the sweeper removes, never a row without bytes.
  const stored = await Promise.all(photos.map(async (p) => ({ mimeType: p.mimeType, width: p.width, height: p.height, ...(await storeUpload(implementationMedia.namespace, p.data, p.mimeType)) })));
  const outcome = await db.transaction(async (tx): Promise<Result<{ decisionId: number; outbox: number[] }>> => {
    const [item] = await tx.select().from(implementationItems).where(eq(implementationItems.id, input.itemId)).for('update');
    if (!item) return { ok: false, errors: { itemId: 'errors.choice' } };
    const [decision] = await tx.select().from(decisions).where(eq(decisions.id, item.decisionId)).for('update');
    if (decision!.status === 'done') return { ok: false, errors: { form: 'votes.decisionDone' } };
    if (input.amountSpent !== undefined && decision!.amount === null) return { ok: false, errors: { amountSpent: 'votes.spentWithoutBudget' } };
    const [update] = await tx.insert(implementationUpdates).values({ itemId: item.id, authorId: actorId, text: input.text, progress: input.progress }).returning({ id: implementationUpdates.id });
    for (const p of stored) await tx.insert(implementationPhotos).values({ updateId: update!.id, ...p });
    await tx.update(implementationItems).set({ progress: input.progress, status: input.status, updatedAt: new Date() }).where(eq(implementationItems.id, item.id));
    const amountSpent = input.amountSpent ?? decision!.amountSpent;
    const status = decision!.status === 'planned' ? 'in_progress' : decision!.status;
    if (status !== decision!.status || amountSpent !== decision!.amountSpent) await tx.update(decisions).set({ status, amountSpent, updatedAt: new Date() }).where(eq(decisions.id, decision!.id));
    await recordAudit(tx, {
      actorId,
      action: 'decision.progress',
      targetType: 'implementation_item',
      targetId: item.id,
      before: { progress: item.progress, status: item.status, amountSpent: decision!.amountSpent },
      after: { ...input, amountSpent, photos: photos.length },
    });
    const outbox = await notifyVoters(tx, decision!.ballotId, 'votes.notice.progress', { decision: decision!.id, progress: input.progress }, `/decisions/${decision!.id}`);
    return { ok: true, value: { decisionId: decision!.id, outbox } };
  });
  if (!outcome.ok) return outcome;
  await enqueueEmailDelivery(outcome.value.outbox, { broadcast: true });
  return { ok: true, value: { decisionId: outcome.value.decisionId } };
}

/** Marks a decision done and opens its evaluation poll: "Did it work?" for the whole city, two weeks. */
export async function completeDecision(actorId: string, decisionId: number): Promise<Result<{ evaluationBallotId: number }>> {
  const outcome = await db.transaction(async (tx): Promise<Result<{ evaluationBallotId: number; opensAt: Date; closesAt: Date; outbox: number[] }>> => {
    const [decision] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for('update');
    if (!decision) return { ok: false, errors: { form: 'votes.notFound' } };
    if (decision.status === 'done') return { ok: false, errors: { form: 'votes.decisionDone' } };
    const opensAt = new Date();
    const closesAt = new Date(opensAt.getTime() + evaluationDays * 86_400_000);
    const [ballot] = await tx
      .insert(ballots)
      .values({
        titleRu: `Оценка: ${decision.titleRu}`,
        titleEn: `Evaluation: ${decision.titleEn}`,
        descriptionRu: 'Решение выполнено. Помогло ли оно? Ваш ответ увидят рядом с решением.',
        descriptionEn: 'The decision has been carried out. Did it work? Your answer is shown beside the decision.',
        status: 'open',
        opensAt,
        closesAt,
        pointsReward: 5,
        evaluatesDecisionId: decision.id,
        createdBy: actorId,
      })
      .returning({ id: ballots.id });
    const [question] = await tx.insert(ballotQuestions).values({ ballotId: ballot!.id, position: 1, textRu: 'Помогло ли это решение?', textEn: 'Did this decision work?', kind: 'single', maxChoices: 1 }).returning({ id: ballotQuestions.id });
    const answers = [
      ['Да, помогло', 'Yes, it worked'],
      ['Отчасти', 'Partly'],
      ['Нет, не помогло', 'No, it did not'],
    ] as const;
    await tx.insert(ballotOptions).values(answers.map(([labelRu, labelEn], i) => ({ questionId: question!.id, position: i + 1, labelRu, labelEn })));
    await tx.update(decisions).set({ status: 'done', doneAt: opensAt, evaluationBallotId: ballot!.id, updatedAt: opensAt }).where(eq(decisions.id, decision.id));
    await tx.update(implementationItems).set({ status: 'done', progress: 100, updatedAt: opensAt }).where(and(eq(implementationItems.decisionId, decision.id), dsql`${implementationItems.status} <> 'done'`));
    await recordAudit(tx, { actorId, action: 'decision.done', targetType: 'decision', targetId: decision.id, before: { status: decision.status }, after: { status: 'done', evaluationBallotId: ballot!.id } });
    const url = `${appOrigin()}/votes/${ballot!.id}`;
    const outbox = await notifyVoters(tx, decision.ballotId, 'votes.notice.done', { decision: decision.id }, `/votes/${ballot!.id}`, {
      subject: 'votes.mail.doneSubject',
      body: 'votes.mail.doneBody',
      params: { ru: { title: decision.titleRu, url }, en: { title: decision.titleEn, url } },
    });
    return { ok: true, value: { evaluationBallotId: ballot!.id, opensAt, closesAt, outbox } };
  });
  if (!outcome.ok) return outcome;
  await enqueueEmailDelivery(outcome.value.outbox, { broadcast: true });
  await scheduleBallotMoves(outcome.value.evaluationBallotId, outcome.value.opensAt, outcome.value.closesAt);
  return { ok: true, value: { evaluationBallotId: outcome.value.evaluationBallotId } };
}
