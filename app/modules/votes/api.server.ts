// The Votes part of the public REST API (/api/v1/ballots): ballots that are not drafts, with their results when
// they may be shown (live while open unless hidden; from the sealed ledger once published).
import { z } from 'zod';
import { errorSchema, idParams, list } from '#app/modules/api/schemas';
import { ledgerTally } from './ballot-lifecycle.server';
import { currentTally } from './live.server';
import { audienceOf, getBallot, listBallots, type BallotRow } from './queries.server';

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
        kind: z.enum(['single', 'multiple']),
        max_choices: z.number().int(),
        options: z.array(z.object({ id: z.number().int(), label_ru: z.string(), label_en: z.string(), idea_id: z.number().int().nullable(), votes: z.number().int().nullable() })),
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
    votes = Object.fromEntries(Object.values(await ledgerTally(id)).flatMap((row) => Object.entries(row)));
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
      options: q.options.map((o) => ({ id: o.id, label_ru: o.labelRu, label_en: o.labelEn, idea_id: o.ideaId, votes: votes ? (votes[String(o.id)] ?? 0) : null })),
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
