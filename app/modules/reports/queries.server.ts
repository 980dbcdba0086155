import { sql } from 'drizzle-orm';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';

import { publicStatuses } from './map-schema';

export type NearbyReport = { id: number; address: string; status: string; metres: number };

/** Open public reports of the same category within the duplicate radius, nearest first (one in moderation is no one else's to see). */
export async function findNearbyOpenReports(categoryId: number, lng: number, lat: number): Promise<NearbyReport[]> {
  return db.execute<NearbyReport>(sql`
    SELECT id::int AS id, address, status, round(ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography))::int AS metres
    FROM reports
    WHERE category_id = ${categoryId}
      AND status IN ('arbitration', 'assigned', 'answered')
      AND ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, ${env.REPORTS_NEARBY_METRES})
    ORDER BY metres
    LIMIT 5`);
}

export type Viewport = { west: number; south: number; east: number; north: number; zoom: number };
export type MapFilter = { categoryId?: number; status?: (typeof publicStatuses)[number]; districtId?: number; overdue?: boolean };
export type MapFeature =
  | { type: 'point'; id: number; lng: number; lat: number; status: string; overdue: boolean; categoryId: number }
  | { type: 'cluster'; count: number; lng: number; lat: number };

export const maxMapPoints = 500;
/** From this zoom on, the map asks for the points first and reads the grid only if more than maxMapPoints came back. */
export const pointsFirstZoom = 15;
/** At most this many grid columns are named one by one (a screen 8,192 px wide, 32 px a cell); a wider one scans the range. */
export const maxColumnList = 256;

function filterSql(f: MapFilter) {
  return sql.join(
    [
      sql`status IN ('arbitration', 'assigned', 'answered', 'closed')`,
      f.categoryId ? sql`category_id = ${f.categoryId}` : undefined,
      f.status ? sql`status = ${f.status}` : undefined,
      f.districtId ? sql`district_id = ${f.districtId}` : undefined,
      f.overdue ? sql`overdue` : undefined,
    ].filter((x) => x !== undefined),
    sql` AND `,
  );
}

/** The grid level a zoom uses: level L cells are 360/2^L degrees, about 40 across a screen at zoom L − 3. */
export function cellLevel(zoom: number): number {
  return Math.min(19, Math.max(11, zoom + 3));
}

/**
 * What the public map shows for a viewport: up to 500 points, or, when more are inside, clusters from the
 * pre-aggregated grid (report_map_cells, kept by triggers), so a city-wide view reads cells, not a million rows.
 * Cells line up with map tiles, so the same view always gives the same answer (cacheable).
 */
export async function mapFeatures(view: Viewport, filter: MapFilter = {}): Promise<MapFeature[]> {
  const level = cellLevel(view.zoom);
  const size = 360 / 2 ** level;
  // At street level the GiST bbox query with LIMIT 501 is itself the cheapest probe: the grid's primary key bounds
  // a street-sized viewport by cx only and walks a strip across the whole city.
  const pointsFirst = view.zoom >= pointsFirstZoom;
  const [west, east] = [Math.floor(view.west / size), Math.floor(view.east / size)];
  // For the same reason the street-level clusters name the viewport's columns (cx IN …): one index descent per column
  // reads only the viewport's cells. Further out a column is short and one range scan is cheaper (ADR 065).
  const columns = pointsFirst && east - west < maxColumnList ? sql`cx IN ${Array.from({ length: east - west + 1 }, (_, i) => west + i)}` : sql`cx BETWEEN ${west} AND ${east}`;
  const cells = sql`level = ${level} AND ${columns}
    AND cy BETWEEN ${Math.floor(view.south / size)} AND ${Math.floor(view.north / size)} AND ${filterSql(filter)}`;
  const [{ total } = { total: 0 }] = pointsFirst ? [] : await db.execute<{ total: number }>(sql`SELECT coalesce(sum(n), 0)::int AS total FROM report_map_cells WHERE ${cells}`);
  if (total <= maxMapPoints) {
    const box = sql`ST_MakeEnvelope(${view.west}, ${view.south}, ${view.east}, ${view.north}, 4326)`;
    const points = await db.execute<{ id: number; lng: number; lat: number; status: string; overdue: boolean; category_id: number }>(sql`
      SELECT id::int AS id, ST_X(location) AS lng, ST_Y(location) AS lat, status, overdue, category_id
      FROM reports WHERE location && ${box} AND ${filterSql(filter)} LIMIT ${maxMapPoints + 1}`);
    if (points.length <= maxMapPoints) {
      return points.map((p) => ({ type: 'point', id: p.id, lng: p.lng, lat: p.lat, status: p.status, overdue: p.overdue, categoryId: p.category_id }));
    }
  }
  const clusters = await db.execute<{ count: number; lng: number; lat: number }>(sql`
    SELECT sum(n)::int AS count, sum(sum_lng) / sum(n) AS lng, sum(sum_lat) / sum(n) AS lat
    FROM report_map_cells WHERE ${cells}
    GROUP BY cx, cy HAVING sum(n) > 0`);
  return clusters.map((c) => ({ type: 'cluster', count: c.count, lng: c.lng, lat: c.lat }));
}

export type ReportListFilter = MapFilter & { authorId?: string; departmentIds?: number[]; statuses?: string[]; limit?: number; before?: number };

/** A report with its category, district and department names, for lists and pages. */
const reportColumns = sql`r.id::int AS id, r.status, r.address, r.description, r.overdue, r.reopen_count AS "reopenCount",
  r.created_at AS "createdAt", r.moderation_due_at AS "moderationDueAt", r.answer_due_at AS "answerDueAt", r.answered_at AS "answeredAt",
  r.moderated_at AS "moderatedAt", r.arbitration_kind AS "arbitrationKind", r.arbitration_reason AS "arbitrationReason",
  r.rejection_reason AS "rejectionReason", r.author_id AS "authorId", r.category_id AS "categoryId", r.department_id AS "departmentId",
  r.district_id AS "districtId", ST_Y(r.location) AS lat, ST_X(r.location) AS lng,
  c.name_ru AS "categoryRu", c.name_en AS "categoryEn", d.name_ru AS "districtRu", d.name_en AS "districtEn",
  dep.name_ru AS "departmentRu", dep.name_en AS "departmentEn"`;

export type ReportRow = {
  id: number;
  status: 'submitted' | 'rejected' | 'arbitration' | 'assigned' | 'answered' | 'closed';
  address: string;
  description: string;
  overdue: boolean;
  reopenCount: number;
  // Raw queries return timestamps as text (ISO-like, with offset).
  createdAt: string;
  moderationDueAt: string;
  answerDueAt: string | null;
  answeredAt: string | null;
  moderatedAt: string | null;
  arbitrationKind: 'dispute' | 'unroutable' | 'unsatisfied' | null;
  arbitrationReason: string | null;
  rejectionReason: string | null;
  authorId: string | null;
  categoryId: number;
  departmentId: number | null;
  districtId: number | null;
  lat: number;
  lng: number;
  categoryRu: string;
  categoryEn: string;
  districtRu: string | null;
  districtEn: string | null;
  departmentRu: string | null;
  departmentEn: string | null;
};

export async function listReports(f: ReportListFilter & { order?: 'newest' | 'oldest' | 'deadline' }): Promise<ReportRow[]> {
  const conditions = [
    f.statuses ? sql`r.status IN ${sql.raw(`(${f.statuses.map((s) => `'${s.replace(/[^a-z]/g, '')}'`).join(',')})`)}` : undefined,
    f.status ? sql`r.status = ${f.status}` : undefined,
    f.categoryId ? sql`r.category_id = ${f.categoryId}` : undefined,
    f.districtId ? sql`r.district_id = ${f.districtId}` : undefined,
    f.overdue ? sql`r.overdue` : undefined,
    f.authorId ? sql`r.author_id = ${f.authorId}` : undefined,
    f.departmentIds ? (f.departmentIds.length ? sql`r.department_id IN ${sql.raw(`(${f.departmentIds.map(Number).join(',')})`)}` : sql`false`) : undefined,
    f.before ? sql`r.id < ${f.before}` : undefined,
  ].filter((c) => c !== undefined);
  const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const order = f.order === 'oldest' ? sql`r.created_at ASC` : f.order === 'deadline' ? sql`r.overdue DESC, r.answer_due_at ASC NULLS LAST` : sql`r.id DESC`;
  return db.execute<ReportRow>(sql`
    SELECT ${reportColumns} FROM reports r JOIN categories c ON c.id = r.category_id
    LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN departments dep ON dep.id = r.department_id
    ${where} ORDER BY ${order} LIMIT ${f.limit ?? 50}`) as unknown as Promise<ReportRow[]>;
}

/**
 * The moderators' queue: reports not yet moderated, oldest first, filtered and paged in SQL (one page and whether
 * another follows), so no backlog of any other status can push a new report out of sight.
 */
export async function moderationQueue(f: { categoryId?: number; districtId?: number; olderThanHours?: number; page: number; pageSize: number }): Promise<{ reports: ReportRow[]; hasNext: boolean }> {
  const conditions = [
    sql`r.status = 'submitted'`,
    sql`r.moderated_at IS NULL`,
    f.categoryId ? sql`r.category_id = ${f.categoryId}` : undefined,
    f.districtId ? sql`r.district_id = ${f.districtId}` : undefined,
    f.olderThanHours ? sql`r.created_at <= now() - make_interval(hours => ${f.olderThanHours})` : undefined,
  ].filter((c) => c !== undefined);
  const rows = (await db.execute<ReportRow>(sql`
    SELECT ${reportColumns} FROM reports r JOIN categories c ON c.id = r.category_id
    LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN departments dep ON dep.id = r.department_id
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY r.created_at, r.id
    LIMIT ${f.pageSize + 1} OFFSET ${(f.page - 1) * f.pageSize}`)) as unknown as ReportRow[];
  return { reports: rows.slice(0, f.pageSize), hasNext: rows.length > f.pageSize };
}

export async function getReport(id: number): Promise<ReportRow | null> {
  const rows = (await db.execute(sql`
    SELECT ${reportColumns} FROM reports r JOIN categories c ON c.id = r.category_id
    LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN departments dep ON dep.id = r.department_id
    WHERE r.id = ${id}`)) as unknown as ReportRow[];
  return rows[0] ?? null;
}

/** Timeline, answers and photo ids of a report (no author identity: actors are shown by role only). */
export async function reportDetails(id: number) {
  const [events, answers, photos] = await Promise.all([
    db.execute<{ kind: string; note: string | null; at: string; data: Record<string, unknown> | null }>(sql`SELECT kind, note, at, data FROM report_events WHERE report_id = ${id} ORDER BY at, id`),
    db.execute<{ id: number; text: string; createdAt: string; satisfied: boolean | null; departmentRu: string; departmentEn: string }>(sql`
      SELECT a.id::int AS id, a.text, a.created_at AS "createdAt", a.satisfied, dep.name_ru AS "departmentRu", dep.name_en AS "departmentEn"
      FROM report_answers a JOIN departments dep ON dep.id = a.department_id WHERE a.report_id = ${id} ORDER BY a.id`),
    db.execute<{ id: number; answerId: number | null; width: number; height: number }>(sql`SELECT id::int AS id, answer_id::int AS "answerId", width, height FROM report_photos WHERE report_id = ${id} ORDER BY id`),
  ]);
  return { events: [...events], answers: [...answers], photos: [...photos] };
}

export async function isFollowing(reportId: number, userId: string): Promise<boolean> {
  const rows = await db.execute(sql`SELECT 1 FROM report_followers WHERE report_id = ${reportId} AND user_id = ${userId}`);
  return rows.length > 0;
}

export async function reportPhoto(photoId: number) {
  const rows = await db.execute<{ data: Buffer | null; storage_key: string | null; mime_type: string; report_id: number; status: string; author_id: string | null; department_id: number | null }>(sql`
    SELECT p.data, p.storage_key, p.mime_type, p.report_id::int AS report_id, r.status, r.author_id, r.department_id FROM report_photos p JOIN reports r ON r.id = p.report_id WHERE p.id = ${photoId}`);
  return rows[0] ?? null;
}

/** What a staff queue shows beside each report: the resident's photos (not the answers') and why it was reopened. */
export async function queueExtras(reportIds: number[]): Promise<Map<number, { photoIds: number[]; reopenedBecause: string | null }>> {
  const out = new Map(reportIds.map((id) => [id, { photoIds: [] as number[], reopenedBecause: null as string | null }]));
  if (!reportIds.length) return out;
  const ids = sql.raw(`(${reportIds.map(Number).join(',')})`);
  const [photos, reopened] = await Promise.all([
    db.execute<{ reportId: number; id: number }>(sql`SELECT report_id::int AS "reportId", id::int AS id FROM report_photos WHERE report_id IN ${ids} AND answer_id IS NULL ORDER BY id`),
    db.execute<{ reportId: number; note: string | null }>(sql`
      SELECT DISTINCT ON (report_id) report_id::int AS "reportId", note FROM report_events
      WHERE report_id IN ${ids} AND kind = 'reopened' ORDER BY report_id, at DESC, id DESC`),
  ]);
  for (const p of photos) out.get(p.reportId)!.photoIds.push(p.id);
  for (const r of reopened) out.get(r.reportId)!.reopenedBecause = r.note ?? '';
  return out;
}
