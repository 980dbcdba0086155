// The admin's ballot editor. Every change locks the ballot row and refuses unless it is still a draft, so an
// edit cannot slip in once the ballot is scheduled, open or closed (the open job takes the same row lock).
import { and, asc, desc, eq, gt, lt, max, sql as dsql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { ballotDistricts, ballotOptions, ballotQuestions, ballots, districts } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { storeUpload } from '#app/utils/stored-media.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { processPhoto } from '#app/modules/reports/index.server';
import { ballotOptionMedia } from './media.server';
import { rulesOf, type BallotDetails, type moveDirection, type newBallotSchema, type optionSchema, type questionSchema } from './schemas';

const notEditable = { form: 'votes.notEditable' as const };

/**
 * A ballot's status, or null when there is none: the editor refuses a ballot that is no longer a draft before it reads
 * the fields its page no longer shows (each use-case below checks again, under the row lock).
 */
export async function ballotStatus(ballotId: number): Promise<(typeof ballots.$inferSelect)['status'] | null> {
  const [row] = await db.select({ status: ballots.status }).from(ballots).where(eq(ballots.id, ballotId));
  return row?.status ?? null;
}

async function lockDraft(tx: Tx, ballotId: number) {
  const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for('update');
  return ballot?.status === 'draft' ? ballot : null;
}

export async function createBallot(actorId: string, input: z.output<typeof newBallotSchema>): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(ballots).values({ ...input, createdBy: actorId }).returning({ id: ballots.id });
    await recordAudit(tx, { actorId, action: 'ballot.create', targetType: 'ballot', targetId: row!.id, after: input });
    return { ok: true as const, value: { id: row!.id } };
  });
}

export async function saveBallotDetails(actorId: string, ballotId: number, input: BallotDetails): Promise<Result<null>> {
  return db.transaction(async (tx): Promise<Result<null>> => {
    const before = await lockDraft(tx, ballotId);
    if (!before) return { ok: false, errors: notEditable };
    if (input.districtIds.length) {
      const found = await tx.select({ id: districts.id }).from(districts).where(dsql`${districts.id} IN ${input.districtIds}`);
      if (found.length !== new Set(input.districtIds).size) return { ok: false, errors: { districtIds: 'errors.choice' } };
    }
    const { districtIds, ...fields } = input;
    const values = { ...fields, minAge: fields.minAge ?? null, maxAge: fields.maxAge ?? null, updatedAt: new Date() };
    await tx.update(ballots).set(values).where(eq(ballots.id, ballotId));
    await tx.delete(ballotDistricts).where(eq(ballotDistricts.ballotId, ballotId));
    if (districtIds.length) await tx.insert(ballotDistricts).values([...new Set(districtIds)].map((districtId) => ({ ballotId, districtId })));
    await recordAudit(tx, { actorId, action: 'ballot.edit', targetType: 'ballot', targetId: ballotId, before, after: input });
    return { ok: true, value: null };
  });
}

type QuestionOutput = z.output<typeof questionSchema>;
/** A question as the form gives it; callers in code may leave out the rule (the kind's default) and the budget fields. */
export type QuestionInput = Omit<QuestionOutput, 'rule' | 'cart' | 'budget' | 'minSpend' | 'currency'> & Partial<Pick<QuestionOutput, 'rule' | 'cart' | 'budget' | 'minSpend' | 'currency'>>;

export async function addQuestion(actorId: string, ballotId: number, input: QuestionInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    if (!(await lockDraft(tx, ballotId))) return { ok: false, errors: notEditable };
    const [last] = await tx.select({ n: max(ballotQuestions.position) }).from(ballotQuestions).where(eq(ballotQuestions.ballotId, ballotId));
    const values = { ...input, rule: input.rule ?? rulesOf[input.kind][0], cart: input.cart ?? (input.kind === 'budget' ? 'knapsack' : null), budget: input.budget ?? null, minSpend: input.minSpend ?? null, currency: input.currency ?? null };
    const [row] = await tx.insert(ballotQuestions).values({ ballotId, position: (last?.n ?? 0) + 1, ...values }).returning({ id: ballotQuestions.id });
    await recordAudit(tx, { actorId, action: 'ballot.add-question', targetType: 'ballot', targetId: ballotId, after: { questionId: row!.id, ...input } });
    return { ok: true, value: { id: row!.id } };
  });
}

const maxImageBytes = 5 * 1024 * 1024;

/** An option's picture: checked by content like a report photo (format, pixel count), re-encoded without metadata. */
async function optionImage(file: File | null): Promise<Result<{ mimeType: string; data: Buffer } | null>> {
  if (!file || file.size === 0) return { ok: true, value: null };
  if (file.size > maxImageBytes) return { ok: false, errors: { image: 'votes.imageTooLarge' } };
  const photo = await processPhoto(file, { maxSide: 800 });
  if (!photo.ok) return { ok: false, errors: { image: photo.errors.key === 'photo.tooManyPixels' ? 'votes.imageTooManyPixels' : 'photo.notImage' } };
  return { ok: true, value: { mimeType: photo.value.mimeType, data: photo.value.data } };
}

export async function addOption(actorId: string, ballotId: number, input: z.output<typeof optionSchema>, file: File | null): Promise<Result<{ id: number }>> {
  const image = await optionImage(file);
  if (!image.ok) return image;
  // The picture's object is written before the transaction (ADR 058): a refused option leaves an orphan for the sweeper.
  const stored = image.value ? await storeUpload(ballotOptionMedia.namespace, image.value.data, image.value.mimeType) : null;
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    if (!(await lockDraft(tx, ballotId))) return { ok: false, errors: notEditable };
    const [question] = await tx.select().from(ballotQuestions).where(and(eq(ballotQuestions.id, input.questionId), eq(ballotQuestions.ballotId, ballotId)));
    if (!question) return { ok: false, errors: { questionId: 'errors.choice' } };
    if (question.kind === 'budget' && input.cost === undefined) return { ok: false, errors: { cost: 'votes.costNeeded' } };
    if (question.kind !== 'budget' && input.cost !== undefined) return { ok: false, errors: { cost: 'votes.costOnly' } };
    if (question.budget !== null && input.cost !== undefined && input.cost > question.budget) return { ok: false, errors: { cost: 'votes.costAboveBudget' } };
    const [last] = await tx.select({ n: max(ballotOptions.position) }).from(ballotOptions).where(eq(ballotOptions.questionId, question.id));
    const [row] = await tx
      .insert(ballotOptions)
      .values({ questionId: question.id, position: (last?.n ?? 0) + 1, labelRu: input.labelRu, labelEn: input.labelEn, cost: input.cost ?? null, imageMimeType: image.value?.mimeType ?? null, image: stored?.data ?? null, imageStorageKey: stored?.storageKey ?? null })
      .returning({ id: ballotOptions.id });
    await recordAudit(tx, { actorId, action: 'ballot.add-option', targetType: 'ballot', targetId: ballotId, after: { optionId: row!.id, ...input, image: !!image.value } });
    return { ok: true, value: { id: row!.id } };
  });
}

/** Removes a question and its answers from a draft ballot. */
export async function removeQuestion(actorId: string, ballotId: number, questionId: number): Promise<Result<null>> {
  return db.transaction(async (tx): Promise<Result<null>> => {
    if (!(await lockDraft(tx, ballotId))) return { ok: false, errors: notEditable };
    const [question] = await tx
      .select({ id: ballotQuestions.id, textRu: ballotQuestions.textRu, textEn: ballotQuestions.textEn })
      .from(ballotQuestions)
      .where(and(eq(ballotQuestions.id, questionId), eq(ballotQuestions.ballotId, ballotId)));
    if (!question) return { ok: false, errors: { questionId: 'errors.choice' } };
    // Its answers go with it (ON DELETE CASCADE).
    await tx.delete(ballotQuestions).where(eq(ballotQuestions.id, questionId));
    await recordAudit(tx, { actorId, action: 'ballot.remove-question', targetType: 'ballot', targetId: ballotId, before: question });
    return { ok: true, value: null };
  });
}

export async function removeOption(actorId: string, ballotId: number, optionId: number): Promise<Result<null>> {
  return db.transaction(async (tx): Promise<Result<null>> => {
    if (!(await lockDraft(tx, ballotId))) return { ok: false, errors: notEditable };
    const [option] = await tx
      .select({ id: ballotOptions.id, labelEn: ballotOptions.labelEn })
      .from(ballotOptions)
      .innerJoin(ballotQuestions, eq(ballotQuestions.id, ballotOptions.questionId))
      .where(and(eq(ballotOptions.id, optionId), eq(ballotQuestions.ballotId, ballotId)));
    if (!option) return { ok: false, errors: { optionId: 'errors.choice' } };
    await tx.delete(ballotOptions).where(eq(ballotOptions.id, optionId));
    await recordAudit(tx, { actorId, action: 'ballot.remove-option', targetType: 'ballot', targetId: ballotId, before: option });
    return { ok: true, value: null };
  });
}

type Direction = z.output<typeof moveDirection>;
type Placed = { id: number; position: number };

/**
 * Moves a row one place up or down among its siblings (a ballot's questions, a question's answers) by swapping it
 * with its neighbour; the neighbour's old place, or null at either end. Positions are unique among siblings and
 * Postgres checks a unique index row by row, so the row waits at 0 (positions start at 1) during the swap.
 */
async function stepPlace(tx: Tx, table: typeof ballotQuestions | typeof ballotOptions, siblings: SQL | undefined, row: Placed, direction: Direction): Promise<number | null> {
  const up = direction === 'up';
  const [neighbour] = await tx
    .select({ id: table.id, position: table.position })
    .from(table)
    .where(and(siblings, (up ? lt : gt)(table.position, row.position)))
    .orderBy((up ? desc : asc)(table.position))
    .limit(1);
  if (!neighbour) return null;
  await tx.update(table).set({ position: 0 }).where(eq(table.id, row.id));
  await tx.update(table).set({ position: row.position }).where(eq(table.id, neighbour.id));
  await tx.update(table).set({ position: neighbour.position }).where(eq(table.id, row.id));
  return neighbour.position;
}

/** Moves a question of a draft ballot one place up or down; at either end nothing changes. */
export async function moveQuestion(actorId: string, ballotId: number, questionId: number, direction: Direction): Promise<Result<null>> {
  return db.transaction(async (tx): Promise<Result<null>> => {
    if (!(await lockDraft(tx, ballotId))) return { ok: false, errors: notEditable };
    const [question] = await tx
      .select({ id: ballotQuestions.id, position: ballotQuestions.position })
      .from(ballotQuestions)
      .where(and(eq(ballotQuestions.id, questionId), eq(ballotQuestions.ballotId, ballotId)));
    if (!question) return { ok: false, errors: { questionId: 'errors.choice' } };
    const to = await stepPlace(tx, ballotQuestions, eq(ballotQuestions.ballotId, ballotId), question, direction);
    if (to !== null) await recordAudit(tx, { actorId, action: 'ballot.move-question', targetType: 'ballot', targetId: ballotId, before: { questionId, position: question.position }, after: { questionId, position: to } });
    return { ok: true, value: null };
  });
}

/** Moves an answer one place up or down within its question. */
export async function moveOption(actorId: string, ballotId: number, optionId: number, direction: Direction): Promise<Result<null>> {
  return db.transaction(async (tx): Promise<Result<null>> => {
    if (!(await lockDraft(tx, ballotId))) return { ok: false, errors: notEditable };
    const [option] = await tx
      .select({ id: ballotOptions.id, position: ballotOptions.position, questionId: ballotOptions.questionId })
      .from(ballotOptions)
      .innerJoin(ballotQuestions, eq(ballotQuestions.id, ballotOptions.questionId))
      .where(and(eq(ballotOptions.id, optionId), eq(ballotQuestions.ballotId, ballotId)));
    if (!option) return { ok: false, errors: { optionId: 'errors.choice' } };
    const to = await stepPlace(tx, ballotOptions, eq(ballotOptions.questionId, option.questionId), option, direction);
    if (to !== null) await recordAudit(tx, { actorId, action: 'ballot.move-option', targetType: 'ballot', targetId: ballotId, before: { optionId, position: option.position }, after: { optionId, position: to } });
    return { ok: true, value: null };
  });
}
