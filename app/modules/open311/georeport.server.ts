import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { type Locale } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import { listCategories } from '#app/modules/city/index.server';
import { submitReport } from '#app/modules/reports/index.server';
import { reportAddress, reportDescription } from '#app/modules/reports/schemas';
import { msg } from '#app/utils/forms';
import type { Result } from '#app/utils/result';

/** Categories are Open311 services; their code is the service_code. */
export async function open311Services(locale: Locale) {
  return (await listCategories()).map((c) => ({
    service_code: c.code,
    service_name: locale === 'ru' ? c.nameRu : c.nameEn,
    description: locale === 'ru' ? c.nameRu : c.nameEn,
    metadata: false,
    type: 'realtime' as const,
    keywords: c.departmentKind,
    group: locale === 'ru' ? c.groupRu : c.groupEn,
  }));
}

type Row = {
  id: number;
  status: string;
  overdue: boolean;
  code: string;
  category_ru: string;
  category_en: string;
  description: string;
  department_ru: string | null;
  department_en: string | null;
  // Raw queries return timestamps as text.
  created_at: string;
  updated_at: string;
  answer_due_at: string | null;
  moderation_due_at: string;
  address: string;
  lat: number;
  lng: number;
  answer: string | null;
};

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

/** A report as an Open311 service request: open or closed, with our richer status in status_notes. */
function toRequest(r: Row, locale: Locale) {
  const t = translator(locale);
  const closed = r.status === 'closed' || r.status === 'rejected';
  const notes = [t(`reportStatus.${r.status as 'closed'}`), r.overdue ? t('reports.overdue') : null].filter(Boolean).join('; ');
  return {
    service_request_id: String(r.id),
    status: closed ? ('closed' as const) : ('open' as const),
    status_notes: notes,
    service_name: locale === 'ru' ? r.category_ru : r.category_en,
    service_code: r.code,
    description: r.description,
    agency_responsible: (locale === 'ru' ? r.department_ru : r.department_en) ?? null,
    service_notice: r.answer,
    requested_datetime: iso(r.created_at)!,
    updated_datetime: iso(r.updated_at),
    expected_datetime: iso(r.answer_due_at),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: null,
  };
}

const requestColumns = sql`r.id::int AS id, r.status, r.overdue, c.code, c.name_ru AS category_ru, c.name_en AS category_en, r.description,
  dep.name_ru AS department_ru, dep.name_en AS department_en, r.created_at, r.updated_at, r.answer_due_at, r.moderation_due_at, r.address,
  ST_Y(r.location) AS lat, ST_X(r.location) AS lng,
  (SELECT a.text FROM report_answers a WHERE a.report_id = r.id ORDER BY a.id DESC LIMIT 1) AS answer`;
const requestFrom = sql`reports r JOIN categories c ON c.id = r.category_id LEFT JOIN departments dep ON dep.id = r.department_id`;
// Submitted and rejected reports are not public; an Open311 client sees what the public map sees.
const visible = sql`r.status IN ('arbitration', 'assigned', 'answered', 'closed')`;

const isoDate = z.iso.datetime({ offset: true });
export const requestsQuerySchema = z.object({
  service_request_id: z.string().regex(/^\d{1,15}(,\d{1,15})*$/, 'service_request_id must be a comma-separated list of ids').optional(),
  service_code: z.string().regex(/^[a-z0-9_-]{1,60}(,[a-z0-9_-]{1,60})*$/, 'service_code must be a comma-separated list of service codes').optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  status: z.string().regex(/^(open|closed)(,(open|closed))*$/, 'status must be open, closed or both').optional(),
});

/**
 * GET requests with the standard's filters and defaults: by ids (then nothing else applies), else by service
 * codes, status and dates, the last 90 days when no date is given, at most 1000 newest first.
 */
export async function open311Requests(query: z.output<typeof requestsQuerySchema>, locale: Locale) {
  const conditions = [visible];
  if (query.service_request_id) {
    conditions.push(sql`r.id IN (${sql.join(query.service_request_id.split(',').map((id) => sql`${Number(id)}`), sql`, `)})`);
  } else {
    if (query.service_code) conditions.push(sql`c.code IN (${sql.join(query.service_code.split(',').map((code) => sql`${code}`), sql`, `)})`);
    if (query.status && query.status.split(',').length === 1) conditions.push(query.status === 'closed' ? sql`r.status = 'closed'` : sql`r.status <> 'closed'`);
    const end = query.end_date ? new Date(query.end_date) : new Date();
    const start = query.start_date ? new Date(query.start_date) : new Date(end.getTime() - 90 * 86_400_000);
    conditions.push(sql`r.created_at BETWEEN ${start.toISOString()} AND ${end.toISOString()}`);
  }
  const rows = await db.execute<Row>(sql`SELECT ${requestColumns} FROM ${requestFrom} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY r.created_at DESC LIMIT 1000`);
  return [...rows].map((r) => toRequest(r, locale));
}

export async function open311Request(id: number, locale: Locale) {
  const rows = await db.execute<Row>(sql`SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = ${id} AND ${visible}`);
  return rows[0] ? toRequest(rows[0], locale) : null;
}

const coordinate = (min: number, max: number) => z.coerce.number({ error: msg('errors.required') }).min(min, msg('errors.range', { min, max })).max(max, msg('errors.range', { min, max }));

/** A POSTed request, checked by the same rules as the web report form (the description and address are its fields). */
export const postRequestSchema = z.object({
  service_code: z.string({ error: msg('errors.required') }).regex(/^[a-z0-9_-]{1,60}$/, msg('errors.invalid')),
  lat: coordinate(-90, 90),
  long: coordinate(-180, 180),
  address_string: reportAddress.optional(),
  description: reportDescription,
});

/** POST requests: a report filed by an Open311 client; it goes through moderation like any other. */
export async function open311Submit(apiKeyId: number, input: z.output<typeof postRequestSchema>, locale: Locale): Promise<Result<{ id: number }, { code: 400 | 404; description: string }>> {
  const [category] = await db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE code = ${input.service_code}`);
  if (!category) return { ok: false, errors: { code: 404, description: `service_code ${input.service_code} not found` } };
  const t = translator(locale);
  const result = await submitReport(
    null,
    { categoryId: category.id, lat: input.lat, lng: input.long, address: input.address_string || `${input.lat.toFixed(5)}, ${input.long.toFixed(5)}`, description: input.description, confirmNew: 'yes' },
    [],
    { apiKeyId },
  );
  if (result.ok) return { ok: true, value: { id: result.value.reportId } };
  const e = result.errors;
  return { ok: false, errors: { code: 400, description: e.kind === 'outside-city' ? t('reports.outsideCity') : `the request could not be filed (${e.kind})` } };
}

/** The discovery document; XML names each endpoint and format as the standard's example does. */
export function discovery(baseUrl: string) {
  return {
    changeset: '2026-11-22T00:00:00Z',
    contact: 'Vmeste open data',
    key_service: `${baseUrl}/admin/api-keys`,
    endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${baseUrl}/open311/v2`, changeset: '2026-11-22T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] }],
    timezone: env.CITY_TIMEZONE,
  };
}
