// The Initiatives part of the public REST API (/api/v1/initiatives): initiatives past moderation with their counts,
// newest first with a cursor; no author or supporter identity.
import { z } from 'zod';
import { sql } from '#app/utils/db.server';
import { cursorQuery, errorSchema, idParams, page } from '#app/modules/api/schemas';
import { optionalIdText } from '#app/utils/forms';

const publicStatuses = ['collecting', 'review', 'voting', 'answered', 'expired'] as const;

export const initiativeSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    body: z.string(),
    district_id: z.number().int().nullable().meta({ description: 'Its district; null for the whole city' }),
    status: z.enum(publicStatuses),
    supports: z.number().int(),
    threshold: z.number().int().meta({ description: 'Supports it needs' }),
    still_needed: z.number().int().meta({ description: 'Supports still missing (0 once reached)' }),
    collects_until: z.string().meta({ format: 'date-time' }),
    reached_at: z.string().meta({ format: 'date-time' }).nullable(),
    answer: z.string().nullable().meta({ description: "The city's official answer with its reasons" }),
    ballot_id: z.number().int().nullable(),
    created_at: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'Initiative', description: "A residents' initiative (no author or supporter identity)" });

export const initiativesQuerySchema = z
  .object({
    ...cursorQuery,
    status: z.enum(publicStatuses).optional().meta({ description: 'Only initiatives in this status' }),
    district: optionalIdText().meta({ description: 'Only initiatives of this district' }),
  })
  .strict()
  .meta({ id: 'InitiativesQuery' });

type Row = { id: number; title: string; body: string; district_id: number | null; status: (typeof publicStatuses)[number]; supports: number; threshold: number; collects_until: Date; reached_at: Date | null; answer: string | null; ballot_id: number | null; created_at: Date };
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toApi = (r: Row): z.output<typeof initiativeSchema> => ({
  ...r,
  still_needed: Math.max(0, r.threshold - r.supports),
  collects_until: new Date(r.collects_until).toISOString(),
  reached_at: iso(r.reached_at),
  created_at: new Date(r.created_at).toISOString(),
});
const columns = sql`i.id::int AS id, i.title, i.body, i.district_id, i.status, i.support_count AS supports, i.threshold, i.collects_until, i.reached_at, i.answer, i.ballot_id, i.created_at`;

export async function apiInitiatives(q: z.output<typeof initiativesQuerySchema>) {
  const rows = await sql<Row[]>`
    SELECT ${columns} FROM initiatives i
    WHERE i.status NOT IN ('pending', 'rejected')
      AND ${q.status ? sql`i.status = ${q.status}` : sql`TRUE`}
      AND ${q.district ? sql`i.district_id = ${q.district}` : sql`TRUE`}
      AND ${q.cursor ? sql`i.id < ${Number(q.cursor)}` : sql`TRUE`}
    ORDER BY i.id DESC LIMIT ${q.limit}`;
  return { data: rows.map(toApi), next_cursor: rows.length === q.limit ? String(rows.at(-1)!.id) : null };
}

export async function apiInitiative(id: number) {
  const [row] = await sql<Row[]>`SELECT ${columns} FROM initiatives i WHERE i.id = ${id} AND i.status NOT IN ('pending', 'rejected')`;
  return row ? toApi(row) : null;
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const limited = { '429': json(errorSchema, 'Too many requests') };

/** The OpenAPI paths of the Initiatives endpoints, joined to the document in app/modules/api/v1.server.ts. */
export const initiativesApiPaths = {
  '/initiatives': { get: { summary: "Residents' initiatives past moderation, newest first", requestParams: { query: initiativesQuerySchema }, responses: { '200': json(page(initiativeSchema, 'InitiativePage'), 'A page of initiatives'), '400': json(errorSchema, 'A parameter is not valid'), ...limited } } },
  '/initiatives/{id}': { get: { summary: 'One initiative', requestParams: { path: idParams }, responses: { '200': json(initiativeSchema, 'The initiative'), '404': json(errorSchema, 'No such public initiative'), '400': json(errorSchema, 'Bad id'), ...limited } } },
};
