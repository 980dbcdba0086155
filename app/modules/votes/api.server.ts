// The Votes part of the public REST API (/api/v1/ballots): ballots that are not drafts, with their results when
// they may be shown (live while open unless hidden; from the sealed ledger once published).
import { z } from 'zod';
import { errorSchema, idParams, list } from '#app/modules/api/schemas';
import { finalVotes } from './results.server';
import { currentTally } from './live.server';
import { audienceOf, getBallot, listBallots, type BallotRow } from './queries.server';
import { sql } from '#app/utils/db.server';

const statuses = ['scheduled', 'open', 'closed', 'published'] as const;

export const ballotSummarySchema = z
  .object({
    id: z.number().int(),
    title_ru: z.string(),
    title_en: z.string(),
    status: z.enum(statuses),
    opens_at: z.string().meta({ format: 'date-time' }),
    closes_at: z.string().meta({ format: 'date-time' }),
    district_ids: z.array(z.number().int()).meta({ description: 'Audience districts; empty for the whole city' }),
    min_age: z.number().int().nullable(),
    max_age: z.number().int().nullable(),
    verified_only: z.boolean(),
    project_id: z.number().int().nullable().meta({ description: 'The Ideas project whose shortlist it votes on' }),
  })
  .meta({ id: 'Ballot' });

export const ballotDetailSchema = ballotSummarySchema
  .extend({
    results: z.enum(['live', 'final', 'hidden']).meta({ description: 'live while open, final once published, hidden otherwise' }),
    questions: z.array(
      z.object({
        id: z.number().int(),
        text_ru: z.string(),
        text_en: z.string(),
        kind: z.enum(['single', 'multiple', 'ranked', 'graded', 'budget']),
        max_choices: z.number().int(),
        rule: z.enum(['plurality', 'schulze', 'instant-runoff', 'majority-judgment', 'greedy', 'equal-shares']),
        budget: z.number().int().nullable(),
        currency: z.string().nullable(),
        options: z.array(z.object({ id: z.number().int(), label_ru: z.string(), label_en: z.string(), idea_id: z.number().int().nullable(), cost: z.number().int().nullable(), votes: z.number().int().nullable() })),
      }),
    ),
    entry_count: z.number().int().nullable(),
    chain_head: z.string().nullable(),
    ledger_csv: z.string().nullable().meta({ description: 'The sealed ledger (see docs/ballot-ledger.md)' }),
  })
  .meta({ id: 'BallotDetail' });

const summary = (b: BallotRow, districtIds: number[]): z.output<typeof ballotSummarySchema> => ({
  id: b.id,
  title_ru: b.titleRu,
  title_en: b.titleEn,
  status: b.status as (typeof statuses)[number],
  opens_at: b.opensAt!.toISOString(),
  closes_at: b.closesAt!.toISOString(),
  district_ids: districtIds,
  min_age: b.minAge,
  max_age: b.maxAge,
  verified_only: b.verifiedOnly,
  project_id: b.projectId,
});

export async function apiBallots() {
  const rows = await listBallots([...statuses]);
  const audience = await audienceOf(rows.map((b) => b.id));
  return { data: rows.map((b) => summary(b, audience.get(b.id) ?? [])) };
}

export async function apiBallot(id: number): Promise<z.output<typeof ballotDetailSchema> | null> {
  const ballot = await getBallot(id);
  if (!ballot || ballot.status === 'draft') return null;
  let votes: Record<string, number> | null = null;
  let results: 'live' | 'final' | 'hidden' = 'hidden';
  if (ballot.status === 'published') {
    votes = (await finalVotes([id])).get(id)!;
    results = 'final';
  } else if (ballot.status === 'open' && !ballot.hideResultsUntilClose) {
    votes = (await currentTally(id)).votes;
    results = 'live';
  }
  return {
    ...summary(ballot, ballot.districtIds),
    results,
    questions: ballot.questions.map((q) => ({
      id: q.id,
      text_ru: q.textRu,
      text_en: q.textEn,
      kind: q.kind,
      max_choices: q.maxChoices,
      rule: q.rule,
      budget: q.budget,
      currency: q.currency,
      options: q.options.map((o) => ({ id: o.id, label_ru: o.labelRu, label_en: o.labelEn, idea_id: o.ideaId, cost: o.cost, votes: votes ? (votes[String(o.id)] ?? 0) : null })),
    })),
    entry_count: ballot.entryCount,
    chain_head: ballot.chainHead,
    ledger_csv: ballot.status === 'published' ? `/votes/${id}/ledger.csv` : null,
  };
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The OpenAPI paths of the Votes endpoints, joined to the document in app/modules/api/v1.server.ts. */
export const votesApiPaths = {
  '/ballots': { get: { summary: 'Ballots (not drafts), by closing time', responses: { '200': json(list(ballotSummarySchema, 'BallotList'), 'All ballots'), '429': json(errorSchema, 'Too many requests') } } },
  '/ballots/{id}': {
    get: {
      summary: 'One ballot with its questions and, when they may be shown, its results',
      requestParams: { path: idParams },
      responses: { '200': json(ballotDetailSchema, 'The ballot'), '404': json(errorSchema, 'No such ballot'), '400': json(errorSchema, 'Bad id'), '429': json(errorSchema, 'Too many requests') },
    },
  },
};

const decisionStatuses = ['planned', 'in_progress', 'done'] as const;

export const decisionSchema = z
  .object({
    id: z.number().int(),
    ballot_id: z.number().int(),
    option_id: z.number().int(),
    idea_id: z.number().int().nullable(),
    title_ru: z.string(),
    title_en: z.string(),
    status: z.enum(decisionStatuses),
    done_at: z.string().nullable().meta({ format: 'date-time' }),
    amount: z.number().int().nullable().meta({ description: 'Amount allotted by a participatory budget, whole currency units' }),
    amount_spent: z.number().int().nullable().meta({ description: 'Amount spent so far, in the same currency' }),
    currency: z.string().nullable().meta({ description: 'ISO 4217 code of both amounts' }),
    evaluation_ballot_id: z.number().int().nullable().meta({ description: 'The poll asking residents whether it worked' }),
    items: z.array(
      z.object({
        id: z.number().int(),
        title_ru: z.string(),
        title_en: z.string(),
        department_id: z.number().int().nullable(),
        due_on: z.string().nullable().meta({ format: 'date' }),
        status: z.enum(decisionStatuses),
        progress: z.number().int().meta({ description: '0–100 %' }),
      }),
    ),
  })
  .meta({ id: 'Decision' });

type DecisionRow = z.output<typeof decisionSchema> & { done_at: Date | string | null };

async function decisionRows(id?: number): Promise<z.output<typeof decisionSchema>[]> {
  const rows = await sql<DecisionRow[]>`
    SELECT d.id, d.ballot_id, d.option_id, d.idea_id::int AS idea_id, d.title_ru, d.title_en, d.status, d.done_at, d.amount::int AS amount, d.amount_spent::int AS amount_spent, d.currency, d.evaluation_ballot_id,
      coalesce((SELECT json_agg(json_build_object('id', i.id, 'title_ru', i.title_ru, 'title_en', i.title_en, 'department_id', i.department_id,
        'due_on', i.due_on, 'status', i.status, 'progress', i.progress) ORDER BY i.id) FROM implementation_items i WHERE i.decision_id = d.id), '[]') AS items
    FROM decisions d WHERE ${id === undefined ? sql`TRUE` : sql`d.id = ${id}`} ORDER BY d.id`;
  return rows.map((r) => ({ ...r, done_at: r.done_at ? new Date(r.done_at).toISOString() : null }));
}

export async function apiDecisions() {
  return { data: await decisionRows() };
}

export async function apiDecision(id: number) {
  return (await decisionRows(id))[0] ?? null;
}

/** The OpenAPI paths of the decisions endpoints. */
export const decisionsApiPaths = {
  '/decisions': { get: { summary: 'Decisions taken by vote, with their implementation steps', responses: { '200': json(list(decisionSchema, 'DecisionList'), 'All decisions'), '429': json(errorSchema, 'Too many requests') } } },
  '/decisions/{id}': {
    get: { summary: 'One decision', requestParams: { path: idParams }, responses: { '200': json(decisionSchema, 'The decision'), '404': json(errorSchema, 'No such decision'), '400': json(errorSchema, 'Bad id'), '429': json(errorSchema, 'Too many requests') } },
  },
};
