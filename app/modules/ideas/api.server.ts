// The Ideas part of the public REST API (/api/v1/projects, /api/v1/ideas): projects with their stage dates, and
// ideas without their authors' identity (hidden ones left out), newest first with a cursor.
import { z } from 'zod';
import { sql } from '#app/utils/db.server';
import { cursorQuery, errorSchema, idParams, list, page } from '#app/modules/api/schemas';
import { optionalIdText, searchText } from '#app/utils/forms';

const stages = ['collecting', 'reviewing', 'voting', 'results', 'implementing', 'done'] as const;
const publicStatuses = ['published', 'merged', 'shortlisted', 'accepted', 'rejected'] as const;

export const projectSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title_ru: z.string(),
    title_en: z.string(),
    description_ru: z.string(),
    description_en: z.string(),
    stage: z.enum(stages),
    stages: z.array(z.object({ stage: z.enum(stages), starts_on: z.string().meta({ format: 'date-time' }), ends_on: z.string().meta({ format: 'date-time' }) })),
    district_ids: z.array(z.number().int()).meta({ description: 'Audience districts; empty for the whole city' }),
    currency: z.string().nullable().meta({ description: 'A participatory budget: its currency (ISO 4217); null for a project that is not a budget' }),
    budget: z.number().int().nullable().meta({ description: "The budget for the city's own ideas, in whole units of the currency" }),
    district_budgets: z.array(z.object({ district_id: z.number().int(), budget: z.number().int() })).meta({ description: "Each district's own budget, where it has one" }),
    ideas: z.number().int().meta({ description: 'Public ideas (merged ones not counted)' }),
  })
  .meta({ id: 'Project' });

export const ideaSchema = z
  .object({
    id: z.number().int(),
    project_id: z.number().int(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    status: z.enum(publicStatuses),
    merged_into: z.number().int().nullable(),
    supports: z.number().int(),
    comments: z.number().int(),
    currency: z.string().nullable().meta({ description: "The project's currency when it is a participatory budget; null otherwise" }),
    proposed_cost: z.number().int().nullable().meta({ description: "The author's estimate, in whole units of the currency" }),
    cost: z.number().int().nullable().meta({ description: "The experts' cost, in whole units of the currency" }),
    feasibility: z.enum(['feasible', 'infeasible']).nullable().meta({ description: "The experts' verdict; null until they give it" }),
    feasibility_reason: z.string().nullable().meta({ description: 'Why, as published on the idea page' }),
    budget_district_id: z.number().int().nullable().meta({ description: "The district whose budget pays for it; null for the city's budget" }),
    created_at: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'Idea', description: 'An idea (no author identity), with its costs and feasibility in a budget project' });

export const ideasQuerySchema = z
  .object({
    ...cursorQuery,
    project: optionalIdText().meta({ description: 'Project id' }),
    status: z.enum(publicStatuses).optional().meta({ description: 'Only ideas in this status' }),
    tag: searchText(40).meta({ description: 'Only ideas with this tag' }),
  })
  .strict()
  .meta({ id: 'IdeasQuery' });

type ProjectRow = {
  id: number;
  slug: string;
  title_ru: string;
  title_en: string;
  description_ru: string;
  description_en: string;
  stage: (typeof stages)[number];
  stages: { stage: (typeof stages)[number]; starts_on: string; ends_on: string }[] | null;
  district_ids: number[] | null;
  currency: string | null;
  budget: number | null;
  district_budgets: { district_id: number; budget: number }[] | null;
  ideas: number;
};

async function projectRows(id?: number): Promise<z.output<typeof projectSchema>[]> {
  const rows = await sql<ProjectRow[]>`
    SELECT p.id, p.slug, p.title_ru, p.title_en, p.description_ru, p.description_en, p.stage,
      (SELECT json_agg(json_build_object('stage', s.stage, 'starts_on', s.starts_on, 'ends_on', s.ends_on) ORDER BY s.starts_on) FROM project_stages s WHERE s.project_id = p.id) AS stages,
      (SELECT array_agg(d.district_id ORDER BY d.district_id) FROM project_districts d WHERE d.project_id = p.id) AS district_ids,
      p.currency, p.budget::int AS budget,
      (SELECT json_agg(json_build_object('district_id', d.district_id, 'budget', d.budget) ORDER BY d.district_id) FROM project_districts d WHERE d.project_id = p.id AND d.budget IS NOT NULL) AS district_budgets,
      (SELECT count(*)::int FROM ideas i WHERE i.project_id = p.id AND i.status NOT IN ('hidden', 'merged')) AS ideas
    FROM projects p WHERE ${id === undefined ? sql`TRUE` : sql`p.id = ${id}`} ORDER BY p.id`;
  return rows.map((r) => ({
    ...r,
    stages: (r.stages ?? []).map((s) => ({ stage: s.stage, starts_on: new Date(s.starts_on).toISOString(), ends_on: new Date(s.ends_on).toISOString() })),
    district_ids: r.district_ids ?? [],
    district_budgets: r.district_budgets ?? [],
  }));
}

export async function apiProjects() {
  return { data: await projectRows() };
}

export async function apiProject(id: number) {
  return (await projectRows(id))[0] ?? null;
}

type IdeaRow = {
  id: number;
  project_id: number;
  title: string;
  body: string;
  tags: string[];
  status: (typeof publicStatuses)[number];
  merged_into: number | null;
  supports: number;
  comments: number;
  currency: string | null;
  proposed_cost: number | null;
  cost: number | null;
  feasibility: 'feasible' | 'infeasible' | null;
  feasibility_reason: string | null;
  budget_district_id: number | null;
  created_at: Date;
};
const toApiIdea = (r: IdeaRow): z.output<typeof ideaSchema> => ({ ...r, created_at: new Date(r.created_at).toISOString() });
// Costs are bigint columns bounded to 999,999,999 (ADR 053): they fit an int, a plain JSON number.
const ideaColumns = sql`i.id::int AS id, i.project_id, i.title, i.body, i.tags, i.status, i.merged_into_id::int AS merged_into, i.support_count AS supports, i.comment_count AS comments,
  (SELECT p.currency FROM projects p WHERE p.id = i.project_id) AS currency, i.proposed_cost::int AS proposed_cost, i.cost::int AS cost, i.feasibility, i.feasibility_reason,
  i.district_id AS budget_district_id, i.created_at`;

export async function apiIdeas(q: z.output<typeof ideasQuerySchema>) {
  const rows = await sql<IdeaRow[]>`
    SELECT ${ideaColumns} FROM ideas i
    WHERE i.status <> 'hidden'
      AND ${q.project ? sql`i.project_id = ${q.project}` : sql`TRUE`}
      AND ${q.status ? sql`i.status = ${q.status}` : sql`TRUE`}
      AND ${q.tag ? sql`${q.tag} = ANY(i.tags)` : sql`TRUE`}
      AND ${q.cursor ? sql`i.id < ${Number(q.cursor)}` : sql`TRUE`}
    ORDER BY i.id DESC LIMIT ${q.limit}`;
  return { data: rows.map(toApiIdea), next_cursor: rows.length === q.limit ? String(rows.at(-1)!.id) : null };
}

export async function apiIdea(id: number) {
  const [row] = await sql<IdeaRow[]>`SELECT ${ideaColumns} FROM ideas i WHERE i.id = ${id} AND i.status <> 'hidden'`;
  return row ? toApiIdea(row) : null;
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const limited = { '429': json(errorSchema, 'Too many requests') };

/** The OpenAPI paths of the Ideas endpoints, joined to the document in app/modules/api/v1.server.ts. */
export const ideasApiPaths = {
  '/projects': { get: { summary: 'Crowdsourcing projects with their stages', responses: { '200': json(list(projectSchema, 'ProjectList'), 'All projects'), ...limited } } },
  '/projects/{id}': { get: { summary: 'One project', requestParams: { path: idParams }, responses: { '200': json(projectSchema, 'The project'), '404': json(errorSchema, 'No such project'), '400': json(errorSchema, 'Bad id'), ...limited } } },
  '/ideas': { get: { summary: 'Ideas, newest first (hidden ones left out)', requestParams: { query: ideasQuerySchema }, responses: { '200': json(page(ideaSchema, 'IdeaPage'), 'A page of ideas'), '400': json(errorSchema, 'A parameter is not valid'), ...limited } } },
  '/ideas/{id}': { get: { summary: 'One idea', requestParams: { path: idParams }, responses: { '200': json(ideaSchema, 'The idea'), '404': json(errorSchema, 'No such public idea'), '400': json(errorSchema, 'Bad id'), ...limited } } },
};
