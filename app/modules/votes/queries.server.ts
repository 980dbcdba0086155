import { and, asc, desc, eq, inArray, sql as dsql } from 'drizzle-orm';
import { ballotCasts, ballotDistricts, ballotLedger, ballotOptions, ballotParticipations, ballotQuestions, ballots, decisions, districts, implementationItems, pointsLedger, reports, rewards, ideas } from '#db/schema/index';
import { db, sql, type DbOrTx } from '#app/utils/db.server';
import type { CountingRule, QuestionKind } from './count-question';
import { ineligibility, type Voter } from './eligibility';
import type { Choices } from './ledger';

export type BallotRow = typeof ballots.$inferSelect;
export type Question = {
  id: number;
  position: number;
  textRu: string;
  textEn: string;
  kind: QuestionKind;
  maxChoices: number;
  rule: CountingRule;
  cart: 'knapsack' | 'approval' | null;
  budget: number | null;
  minSpend: number | null;
  currency: string | null;
  options: Option[];
};
export type Option = { id: number; position: number; labelRu: string; labelEn: string; ideaId: number | null; hasImage: boolean; cost: number | null };

/** The questions and options of a ballot (without the image bytes), in order. */
export async function ballotQuestionsOf(ballotId: number, tx: DbOrTx = db): Promise<Question[]> {
  const qs = await tx.select().from(ballotQuestions).where(eq(ballotQuestions.ballotId, ballotId)).orderBy(asc(ballotQuestions.position));
  if (!qs.length) return [];
  const os = await tx
    .select({ id: ballotOptions.id, questionId: ballotOptions.questionId, position: ballotOptions.position, labelRu: ballotOptions.labelRu, labelEn: ballotOptions.labelEn, ideaId: ballotOptions.ideaId, hasImage: dsql<boolean>`${ballotOptions.image} IS NOT NULL OR ${ballotOptions.imageStorageKey} IS NOT NULL`, cost: ballotOptions.cost })
    .from(ballotOptions)
    .where(inArray(ballotOptions.questionId, qs.map((q) => q.id)))
    .orderBy(asc(ballotOptions.position));
  return qs.map((q) => ({ id: q.id, position: q.position, textRu: q.textRu, textEn: q.textEn, kind: q.kind, maxChoices: q.maxChoices, rule: q.rule, cart: q.cart, budget: q.budget, minSpend: q.minSpend, currency: q.currency, options: os.filter((o) => o.questionId === q.id).map(({ questionId: _q, ...o }) => o) }));
}

export async function getBallot(id: number, tx: DbOrTx = db) {
  const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, id));
  if (!ballot) return null;
  const [ds, questions] = await Promise.all([tx.select({ id: ballotDistricts.districtId }).from(ballotDistricts).where(eq(ballotDistricts.ballotId, id)), ballotQuestionsOf(id, tx)]);
  return { ...ballot, districtIds: ds.map((d) => d.id), questions };
}
export type Ballot = NonNullable<Awaited<ReturnType<typeof getBallot>>>;

// From `open` on a ballot's questions, options and audience cannot change, so the cast path caches them per process
// (bounded by time). A draft or scheduled ballot is never cached: it may still be edited. The cast re-reads the
// status under its lock anyway.
const frozen = new Set(['open', 'closed', 'published']);
const structureCache = new Map<number, { at: number; value: Promise<Ballot | null> }>();
export function cachedBallot(id: number): Promise<Ballot | null> {
  const hit = structureCache.get(id);
  if (hit && Date.now() - hit.at < 30_000) return hit.value;
  const value = getBallot(id);
  structureCache.set(id, { at: Date.now(), value });
  value.then((b) => (b && frozen.has(b.status) ? undefined : structureCache.delete(id))).catch(() => structureCache.delete(id));
  return value;
}

/** Votes per option summed over the tally shards (the live count while open; checked against the ledger at the seal). */
export async function shardTally(ballotId: number, run: DbOrTx = db): Promise<Record<string, number>> {
  const rows = await run.execute<{ option_id: number; votes: string }>(dsql`
    SELECT s.option_id, sum(s.votes) AS votes FROM ballot_tally_shards s
    JOIN ballot_options o ON o.id = s.option_id JOIN ballot_questions q ON q.id = o.question_id
    WHERE q.ballot_id = ${ballotId} GROUP BY s.option_id`);
  return Object.fromEntries(rows.map((r) => [String(r.option_id), Number(r.votes)]));
}

export type ReceiptCheck =
  | { found: false }
  | { found: true; inLedger: false; choices: Choices }
  | { found: true; inLedger: true; seq: number; entryHash: string; choices: Choices };

/**
 * What a receipt's holder may see: the choices recorded under its hash — in the sealed ledger once published,
 * among the casts before that. Looked up by hash only; nothing about who asked is read or written.
 */
export async function checkReceipt(ballotId: number, receiptHashHex: string): Promise<ReceiptCheck> {
  const [entry] = await db
    .select({ seq: ballotLedger.seq, entryHash: ballotLedger.entryHash, choices: ballotLedger.choices })
    .from(ballotLedger)
    .where(and(eq(ballotLedger.ballotId, ballotId), eq(ballotLedger.receiptHash, receiptHashHex)));
  if (entry) return { found: true, inLedger: true, seq: entry.seq, entryHash: entry.entryHash, choices: JSON.parse(entry.choices) as Choices };
  const [cast] = await db.select({ choices: ballotCasts.choices }).from(ballotCasts).where(and(eq(ballotCasts.ballotId, ballotId), eq(ballotCasts.receiptHash, receiptHashHex)));
  return cast ? { found: true, inLedger: false, choices: cast.choices } : { found: false };
}

export async function participantCount(ballotId: number): Promise<number> {
  const [row] = await db.select({ n: dsql<number>`count(*)::int` }).from(ballotParticipations).where(eq(ballotParticipations.ballotId, ballotId));
  return row!.n;
}

export async function hasVoted(ballotId: number, userId: string): Promise<boolean> {
  const [row] = await db.select({ one: dsql`1` }).from(ballotParticipations).where(and(eq(ballotParticipations.ballotId, ballotId), eq(ballotParticipations.userId, userId)));
  return !!row;
}

/** Published turnout: voters per district and per age band (counts only, never who). */
export async function turnout(ballotId: number) {
  const byDistrict = await sql<{ district: string | null; name_ru: string | null; name_en: string | null; voters: number }[]>`
    SELECT d.code AS district, d.name_ru, d.name_en, count(*)::int AS voters FROM ballot_participations p LEFT JOIN districts d ON d.id = p.district_id
    WHERE p.ballot_id = ${ballotId} GROUP BY d.code, d.name_ru, d.name_en ORDER BY d.code NULLS LAST`;
  const byAgeBand = await sql<{ age_band: string; voters: number }[]>`
    SELECT age_band, count(*)::int AS voters FROM ballot_participations WHERE ballot_id = ${ballotId} GROUP BY age_band ORDER BY age_band`;
  return { total: byDistrict.reduce((s, r) => s + r.voters, 0), byDistrict, byAgeBand };
}

export async function listBallots(statuses: BallotRow['status'][]) {
  return db.select().from(ballots).where(inArray(ballots.status, statuses)).orderBy(asc(ballots.closesAt), desc(ballots.id));
}

export async function audienceOf(ballotIds: number[]) {
  if (!ballotIds.length) return new Map<number, number[]>();
  const rows = await db.select().from(ballotDistricts).where(inArray(ballotDistricts.ballotId, ballotIds));
  const map = new Map<number, number[]>();
  for (const r of rows) map.set(r.ballotId, [...(map.get(r.ballotId) ?? []), r.districtId]);
  return map;
}

export async function votedIn(userId: string, ballotIds: number[]): Promise<Set<number>> {
  if (!ballotIds.length) return new Set();
  const rows = await db.select({ id: ballotParticipations.ballotId }).from(ballotParticipations).where(and(eq(ballotParticipations.userId, userId), inArray(ballotParticipations.ballotId, ballotIds)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Ballots of these statuses as a person sees them: whether they voted in each, and why they may not vote (a message
 * key; null when they may, or when nobody is signed in).
 */
export async function ballotsFor(voter: (Voter & { id: string }) | null, statuses: BallotRow['status'][]) {
  const rows = await listBallots(statuses);
  const ids = rows.map((b) => b.id);
  const [audience, voted] = await Promise.all([audienceOf(ids), voter ? votedIn(voter.id, ids) : new Set<number>()]);
  return rows.map((b) => ({ ...b, voted: voted.has(b.id), why: voter ? ineligibility({ ...b, districtIds: audience.get(b.id) ?? [] }, voter) : null }));
}

/** The ballots a person took part in (never what they chose), latest closing first. */
export async function myBallots(userId: string, limit?: number) {
  const query = db
    .select({ id: ballots.id, titleRu: ballots.titleRu, titleEn: ballots.titleEn, status: ballots.status, closesAt: ballots.closesAt })
    .from(ballotParticipations)
    .innerJoin(ballots, eq(ballots.id, ballotParticipations.ballotId))
    .where(eq(ballotParticipations.userId, userId))
    .orderBy(desc(ballots.closesAt), desc(ballots.id));
  return limit ? query.limit(limit) : query;
}

export async function pointsBalance(userId: string, tx: DbOrTx = db): Promise<number> {
  const [row] = await tx.select({ sum: dsql<number>`coalesce(sum(${pointsLedger.delta}), 0)::int` }).from(pointsLedger).where(eq(pointsLedger.userId, userId));
  return row!.sum;
}

export async function pointsHistory(userId: string) {
  return db
    .select({
      id: pointsLedger.id,
      delta: pointsLedger.delta,
      reason: pointsLedger.reason,
      createdAt: pointsLedger.createdAt,
      ballotRu: ballots.titleRu,
      ballotEn: ballots.titleEn,
      rewardRu: rewards.titleRu,
      rewardEn: rewards.titleEn,
      ideaId: pointsLedger.ideaId,
      ideaTitle: ideas.title,
      reportId: pointsLedger.reportId,
      reportAddress: reports.address,
      surveyId: pointsLedger.surveyId,
    })
    .from(pointsLedger)
    .leftJoin(ballots, eq(ballots.id, pointsLedger.ballotId))
    .leftJoin(rewards, eq(rewards.id, pointsLedger.rewardId))
    .leftJoin(ideas, eq(ideas.id, pointsLedger.ideaId))
    .leftJoin(reports, eq(reports.id, pointsLedger.reportId))
    .where(eq(pointsLedger.userId, userId))
    .orderBy(desc(pointsLedger.id))
    .limit(200);
}

export async function listRewards() {
  return db.select().from(rewards).where(eq(rewards.active, true)).orderBy(asc(rewards.cost));
}

/** Decisions with their progress: the mean progress of their implementation items. */
export async function listDecisions() {
  return db
    .select({
      id: decisions.id,
      ballotId: decisions.ballotId,
      ideaId: decisions.ideaId,
      titleRu: decisions.titleRu,
      titleEn: decisions.titleEn,
      status: decisions.status,
      amount: decisions.amount,
      amountSpent: decisions.amountSpent,
      currency: decisions.currency,
      evaluationBallotId: decisions.evaluationBallotId,
      progress: dsql<number>`coalesce((SELECT round(avg(${implementationItems.progress}))::int FROM ${implementationItems} WHERE ${implementationItems.decisionId} = ${decisions.id}), 0)`,
      items: dsql<number>`(SELECT count(*)::int FROM ${implementationItems} WHERE ${implementationItems.decisionId} = ${decisions.id})`,
      ballotRu: ballots.titleRu,
      ballotEn: ballots.titleEn,
      questionRu: ballotQuestions.textRu,
      questionEn: ballotQuestions.textEn,
    })
    .from(decisions)
    .innerJoin(ballots, eq(ballots.id, decisions.ballotId))
    .innerJoin(ballotOptions, eq(ballotOptions.id, decisions.optionId))
    .innerJoin(ballotQuestions, eq(ballotQuestions.id, ballotOptions.questionId))
    .orderBy(desc(decisions.id));
}

export async function listDistrictNames() {
  return db.select({ id: districts.id, nameRu: districts.nameRu, nameEn: districts.nameEn }).from(districts).orderBy(asc(districts.nameRu));
}


/** One decision with its items, their updates and photo ids, and its evaluation ballot's state. */
export async function decisionDetail(id: number) {
  const [decision] = await db
    .select({ decision: decisions, ballotRu: ballots.titleRu, ballotEn: ballots.titleEn, questionRu: ballotQuestions.textRu, questionEn: ballotQuestions.textEn })
    .from(decisions)
    .innerJoin(ballots, eq(ballots.id, decisions.ballotId))
    .innerJoin(ballotOptions, eq(ballotOptions.id, decisions.optionId))
    .innerJoin(ballotQuestions, eq(ballotQuestions.id, ballotOptions.questionId))
    .where(eq(decisions.id, id));
  if (!decision) return null;
  const items = await sql<{ id: number; title_ru: string; title_en: string; due_on: string | null; status: string; progress: number; department_ru: string | null; department_en: string | null }[]>`
    SELECT i.id, i.title_ru, i.title_en, i.due_on::text, i.status, i.progress, d.name_ru AS department_ru, d.name_en AS department_en
    FROM implementation_items i LEFT JOIN departments d ON d.id = i.department_id WHERE i.decision_id = ${id} ORDER BY i.id`;
  const updates = await sql<{ id: number; item_id: number; text: string; progress: number; created_at: Date; photos: { id: number; width: number; height: number }[] }[]>`
    SELECT u.id, u.item_id, u.text, u.progress, u.created_at,
      coalesce((SELECT json_agg(json_build_object('id', p.id, 'width', p.width, 'height', p.height) ORDER BY p.id) FROM implementation_photos p WHERE p.update_id = u.id), '[]') AS photos
    FROM implementation_updates u JOIN implementation_items i ON i.id = u.item_id WHERE i.decision_id = ${id} ORDER BY u.id DESC`;
  const evaluation = decision.decision.evaluationBallotId ? await getBallot(decision.decision.evaluationBallotId) : null;
  return { ...decision.decision, ballotRu: decision.ballotRu, ballotEn: decision.ballotEn, questionRu: decision.questionRu, questionEn: decision.questionEn, items, updates, evaluation };
}

export async function listDepartments() {
  return sql<{ id: number; name_ru: string; name_en: string }[]>`SELECT id, name_ru, name_en FROM departments ORDER BY name_ru`;
}
