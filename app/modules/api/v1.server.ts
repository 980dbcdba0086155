import type { z } from 'zod';
import { createDocument } from 'zod-openapi';
import { listCategories, listDepartments } from '#app/modules/city/index.server';
import { departmentLeague } from '#app/modules/reports/index.server';
import { getReport, listReports, type ReportRow } from '#app/modules/reports/index.server';
import { decisionsApiPaths, votesApiPaths } from '#app/modules/votes/index.server';
import { ideasApiPaths } from '#app/modules/ideas/index.server';
import { initiativesApiPaths } from '#app/modules/initiatives/index.server';
import { categorySchema, departmentSchema, errorSchema, idParams, list, page, reportSchema, reportsQuerySchema } from './schemas';

const publicStatuses = ['arbitration', 'assigned', 'answered', 'closed'] as const;
const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

function toApiReport(r: ReportRow): z.output<typeof reportSchema> {
  return {
    id: r.id,
    status: r.status as z.output<typeof reportSchema>['status'],
    overdue: r.overdue,
    category: { id: r.categoryId, name_ru: r.categoryRu, name_en: r.categoryEn },
    district: r.districtId ? { id: r.districtId, name_ru: r.districtRu!, name_en: r.districtEn! } : null,
    department: r.departmentId ? { id: r.departmentId, name_ru: r.departmentRu!, name_en: r.departmentEn! } : null,
    address: r.address,
    description: r.description,
    lat: r.lat,
    lng: r.lng,
    created_at: iso(r.createdAt)!,
    answer_due_at: iso(r.answerDueAt),
    answered_at: iso(r.answeredAt),
    reopen_count: r.reopenCount,
  };
}

/** Newest first; the cursor is the last id of the page. */
export async function apiReports(q: z.output<typeof reportsQuerySchema>) {
  const rows = await listReports({
    statuses: q.status ? undefined : [...publicStatuses],
    status: q.status,
    categoryId: q.category,
    districtId: q.district,
    overdue: q.overdue === 'true' ? true : undefined,
    before: q.cursor ? Number(q.cursor) : undefined,
    limit: q.limit,
  });
  const data = rows.map(toApiReport);
  return { data, next_cursor: rows.length === q.limit ? String(rows.at(-1)!.id) : null };
}

export async function apiReport(id: number) {
  const row = await getReport(id);
  return row && (publicStatuses as readonly string[]).includes(row.status) ? toApiReport(row) : null;
}

export async function apiDepartments() {
  const [departments, league] = await Promise.all([listDepartments(), departmentLeague(null)]);
  return {
    data: departments.map((d) => {
      const l = league.find((x) => x.departmentId === d.id);
      return {
        id: d.id,
        name_ru: d.nameRu,
        name_en: d.nameEn,
        kind: d.kind,
        district_ids: d.districtIds,
        received: l?.received ?? 0,
        on_time_percent: l?.onTimePercent ?? null,
        median_hours: l?.medianHours ?? null,
        overdue_now: l?.overdueNow ?? 0,
        satisfaction_percent: l?.satisfactionPercent ?? null,
      };
    }),
  };
}

export async function apiCategories() {
  return { data: (await listCategories()).map((c) => ({ id: c.id, code: c.code, name_ru: c.nameRu, name_en: c.nameEn, group_ru: c.groupRu, group_en: c.groupEn, department_kind: c.departmentKind })) };
}

const errors = {
  '400': { description: 'A parameter is not valid', content: { 'application/json': { schema: errorSchema } } },
  '429': { description: 'Too many requests (see Retry-After)', content: { 'application/json': { schema: errorSchema } } },
};
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Every route of /api/v1, from the same zod schemas the routes parse with. */
export const apiRoutes = ['/reports', '/reports/{id}', '/departments', '/categories', '/projects', '/projects/{id}', '/ideas', '/ideas/{id}', '/initiatives', '/initiatives/{id}', '/ballots', '/ballots/{id}', '/decisions', '/decisions/{id}'] as const;

export function openApiDocument(serverUrl: string) {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Vmeste public API', version: '1.0.0', description: 'Read access to the city\'s participation data. JSON; cursor pagination; CORS for GET; rate-limited per IP and per API key (X-API-Key). A query parameter an endpoint does not have is refused with 400 naming it, like a bad value.' },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      '/reports': { get: { summary: 'Approved reports, newest first', requestParams: { query: reportsQuerySchema }, responses: { '200': json(page(reportSchema, 'ReportPage'), 'A page of reports'), ...errors } } },
      '/reports/{id}': {
        get: { summary: 'One report', requestParams: { path: idParams }, responses: { '200': json(reportSchema, 'The report'), '404': json(errorSchema, 'No such public report'), ...errors } },
      },
      '/departments': { get: { summary: 'Departments with their performance', responses: { '200': json(list(departmentSchema, 'DepartmentList'), 'All departments'), ...errors } } },
      '/categories': { get: { summary: 'Report categories (Open311 services)', responses: { '200': json(list(categorySchema, 'CategoryList'), 'All categories'), ...errors } } },
      ...ideasApiPaths,
      ...initiativesApiPaths,
      ...votesApiPaths,
      ...decisionsApiPaths,
    },
  });
}
