import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { sql } from '#app/utils/db.server';
import { drainedOrClosed } from '#app/utils/streams.server';
import { departmentLeague } from '#app/modules/reports/league.server';
import { votesDatasets } from '#app/modules/votes/datasets.server';

export type FieldType = 'integer' | 'number' | 'string' | 'boolean' | 'datetime';
export type Field = { name: string; type: FieldType; description: string };
export type Resource = { name: string; path: string; format: 'csv' | 'geojson' | 'json'; mediatype: string };
export type Dataset = {
  id: string;
  title: { ru: string; en: string };
  description: { ru: string; en: string };
  fields: Field[];
  resources: Resource[];
  /** Row count and last change, cheap enough for the catalogue and for ETag/Last-Modified. */
  state: () => Promise<{ rows: number; updated: Date }>;
  /** Rows in batches, from a server-side cursor: memory stays flat whatever the size. */
  rows: () => AsyncIterable<Record<string, unknown>[]>;
};

export const licence = { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' };

const reportFields: Field[] = [
  { name: 'id', type: 'integer', description: 'Report number' },
  { name: 'category_code', type: 'string', description: 'Category code (the Open311 service_code)' },
  { name: 'category', type: 'string', description: 'Category name (Russian)' },
  { name: 'status', type: 'string', description: 'arbitration | assigned | answered | closed' },
  { name: 'overdue', type: 'boolean', description: 'Flagged overdue: a deadline was missed' },
  { name: 'district', type: 'string', description: 'District code' },
  { name: 'department', type: 'string', description: 'Responsible department (Russian)' },
  { name: 'address', type: 'string', description: 'Address or landmark as given' },
  { name: 'description', type: 'string', description: 'The problem as described (no author identity)' },
  { name: 'lat', type: 'number', description: 'Latitude (WGS 84) as published' },
  { name: 'lng', type: 'number', description: 'Longitude (WGS 84) as published' },
  { name: 'created_at', type: 'datetime', description: 'When it was filed' },
  { name: 'answer_due_at', type: 'datetime', description: 'When the answer is or was due' },
  { name: 'answered_at', type: 'datetime', description: 'When the department last answered' },
  { name: 'closed_at', type: 'datetime', description: 'When it was closed' },
  { name: 'reopen_count', type: 'integer', description: 'How often the author reopened it' },
];

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

const reports: Dataset = {
  id: 'reports',
  title: { ru: 'Обращения о проблемах в городе', en: 'Reported city problems' },
  description: {
    ru: 'Одобренные обращения жителей: категория, место, статус, сроки и ответственная служба. Без сведений об авторах.',
    en: "Residents' approved problem reports: category, place, status, deadlines and the responsible department. No author identity.",
  },
  fields: reportFields,
  resources: [
    { name: 'reports-csv', path: 'reports.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'reports-geojson', path: 'reports.geojson', format: 'geojson', mediatype: 'application/geo+json' },
  ],
  state: async () => {
    const [row] = await sql<{ rows: number; updated: string | null }[]>`
      SELECT count(*)::int AS rows, max(updated_at) AS updated FROM reports WHERE status IN ('arbitration', 'assigned', 'answered', 'closed')`;
    return { rows: row!.rows, updated: row!.updated ? new Date(row!.updated) : new Date(0) };
  },
  rows: async function* () {
    const cursor = sql`
      SELECT r.id::int AS id, c.code AS category_code, c.name_ru AS category, r.status, r.overdue, d.code AS district, dep.name_ru AS department,
             r.address, r.description, round(ST_Y(r.location)::numeric, 6)::float8 AS lat, round(ST_X(r.location)::numeric, 6)::float8 AS lng,
             r.created_at, r.answer_due_at, r.answered_at, r.closed_at, r.reopen_count
      FROM reports r JOIN categories c ON c.id = r.category_id LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN departments dep ON dep.id = r.department_id
      WHERE r.status IN ('arbitration', 'assigned', 'answered', 'closed') ORDER BY r.id`.cursor(1000);
    for await (const batch of cursor) {
      yield batch.map((r) => ({ ...r, created_at: iso(r.created_at), answer_due_at: iso(r.answer_due_at), answered_at: iso(r.answered_at), closed_at: iso(r.closed_at) }));
    }
  },
};

const performance: Dataset = {
  id: 'department-performance',
  title: { ru: 'Как службы отвечают на обращения', en: 'How departments answer reports' },
  description: {
    ru: 'По каждой службе за всё время: получено обращений, ответы в срок, медиана времени ответа, просрочено сейчас, доля довольных жителей.',
    en: 'For each department, all time: reports received, answers on time, median time to answer, overdue now, share of satisfied residents.',
  },
  fields: [
    { name: 'department_id', type: 'integer', description: 'Department number' },
    { name: 'department', type: 'string', description: 'Department (Russian)' },
    { name: 'kind', type: 'string', description: 'Kind of department (roads, housing, …)' },
    { name: 'received', type: 'integer', description: 'Reports routed to it' },
    { name: 'answered', type: 'integer', description: 'Answers it gave' },
    { name: 'on_time_percent', type: 'integer', description: 'Answers given by the deadline, %' },
    { name: 'median_hours', type: 'number', description: 'Median hours from approval to answer' },
    { name: 'overdue_now', type: 'integer', description: 'Reports past their deadline now' },
    { name: 'satisfaction_percent', type: 'integer', description: 'Rated answers the resident was satisfied with, %' },
  ],
  resources: [
    { name: 'department-performance-csv', path: 'department-performance.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'department-performance-json', path: 'department-performance.json', format: 'json', mediatype: 'application/json' },
  ],
  state: async () => {
    const [row] = await sql<{ rows: number; updated: string | null }[]>`
      SELECT (SELECT count(*)::int FROM departments) AS rows, greatest((SELECT max(updated_at) FROM reports), (SELECT max(updated_at) FROM departments)) AS updated`;
    return { rows: row!.rows, updated: row!.updated ? new Date(row!.updated) : new Date(0) };
  },
  // A few dozen rows: aggregated in one query, not a cursor.
  rows: async function* () {
    const league = await departmentLeague(null);
    yield league.map((d) => ({
      department_id: d.departmentId,
      department: d.nameRu,
      kind: d.kind,
      received: d.received,
      answered: d.answered,
      on_time_percent: d.onTimePercent,
      median_hours: d.medianHours,
      overdue_now: d.overdueNow,
      satisfaction_percent: d.satisfactionPercent,
    }));
  },
};

const ideas: Dataset = {
  id: 'ideas',
  title: { ru: 'Идеи жителей', en: "Residents' ideas" },
  description: {
    ru: 'Идеи по проектам: текст, теги, статус, поддержка и обсуждение. Скрытые модераторами не публикуются; без сведений об авторах.',
    en: 'Ideas by project: text, tags, status, supports and comments. Ideas hidden by moderators are left out; no author identity.',
  },
  fields: [
    { name: 'id', type: 'integer', description: 'Idea number (/ideas/<id>)' },
    { name: 'project', type: 'string', description: 'Project (its address name)' },
    { name: 'title', type: 'string', description: 'Title' },
    { name: 'body', type: 'string', description: 'Text' },
    { name: 'tags', type: 'string', description: 'Tags, separated by "; "' },
    { name: 'status', type: 'string', description: 'published | shortlisted | accepted | rejected | merged' },
    { name: 'merged_into', type: 'integer', description: 'For a merged idea: the idea it was merged into' },
    { name: 'supports', type: 'integer', description: 'People supporting it' },
    { name: 'comments', type: 'integer', description: 'Visible comments' },
    { name: 'created_at', type: 'datetime', description: 'When it was proposed' },
  ],
  resources: [
    { name: 'ideas-csv', path: 'ideas.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'ideas-json', path: 'ideas.json', format: 'json', mediatype: 'application/json' },
  ],
  state: async () => {
    const [row] = await sql<{ rows: number; updated: string | null }[]>`
      SELECT count(*)::int AS rows, max(updated_at) AS updated FROM ideas WHERE status <> 'hidden'`;
    return { rows: row!.rows, updated: row!.updated ? new Date(row!.updated) : new Date(0) };
  },
  rows: async function* () {
    const cursor = sql`
      SELECT i.id::int AS id, p.slug AS project, i.title, i.body, array_to_string(i.tags, '; ') AS tags, i.status, i.merged_into_id::int AS merged_into,
             i.support_count AS supports, i.comment_count AS comments, i.created_at
      FROM ideas i JOIN projects p ON p.id = i.project_id WHERE i.status <> 'hidden' ORDER BY i.id`.cursor(1000);
    for await (const batch of cursor) yield batch.map((r) => ({ ...r, created_at: iso(r.created_at) }));
  },
};

export const datasets: Dataset[] = [reports, performance, ideas, ...votesDatasets];
export const findDataset = (id: string) => datasets.find((d) => d.id === id);

/** The Frictionless Data Package descriptor of a dataset. */
export function dataPackage(dataset: Dataset, baseUrl: string, updated: Date) {
  return {
    profile: 'data-package',
    name: dataset.id,
    title: dataset.title.en,
    description: dataset.description.en,
    licenses: [licence],
    updated: updated.toISOString(),
    resources: dataset.resources.map((r) => ({
      name: r.name,
      path: `${baseUrl}/data/${dataset.id}/${r.path}`,
      format: r.format,
      mediatype: r.mediatype,
      encoding: 'utf-8',
      schema: { fields: dataset.fields },
    })),
  };
}

/**
 * Rows in batches as CSV with a header line, written only as fast as the reader takes it; if the reader goes away,
 * leaving the loop closes the source (a server-side cursor frees its connection).
 */
export function csvStream(batches: AsyncIterable<readonly object[]>, columns: string[]): ReadableStream<Uint8Array> {
  // escape_formulas: a text starting with = + - @ (a resident's "=HYPERLINK(…)") gets a leading ' so a spreadsheet
  // shows it instead of running it (OWASP "CSV injection"); numbers are left alone. JSON keeps the text as typed.
  const csv = stringify({ header: true, columns, escape_formulas: true, cast: { boolean: (v) => (v ? 'true' : 'false'), date: (v) => v.toISOString() } });
  const feed = async () => {
    try {
      for await (const batch of batches) {
        for (const row of batch) {
          if (csv.destroyed) return;
          if (!csv.write(row)) await drainedOrClosed(csv);
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  };
  void feed();
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}

/** Rows in batches as one JSON document (`open` items… `close`), a batch at a time as the reader pulls. */
export function jsonStream<Row>(batches: AsyncIterable<readonly Row[]>, item: (row: Row) => unknown, open = '[', close = ']'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(open));
    },
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        controller.enqueue(encoder.encode(close));
        controller.close();
        return;
      }
      const items = value.map((row) => JSON.stringify(item(row)));
      if (items.length) controller.enqueue(encoder.encode((first ? '' : ',') + items.join(',')));
      first = first && items.length === 0;
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}

/** Streams a resource as CSV, GeoJSON or JSON; nothing is built in memory. */
export function streamResource(dataset: Dataset, resource: Resource): ReadableStream<Uint8Array> {
  const names = dataset.fields.map((f) => f.name);
  if (resource.format === 'csv') return csvStream(dataset.rows(), names);
  const properties = (row: Record<string, unknown>) => Object.fromEntries(names.map((n) => [n, row[n] ?? null]));
  if (resource.format === 'geojson') {
    return jsonStream(dataset.rows(), (row) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [row.lng, row.lat] }, properties: properties(row) }), '{"type":"FeatureCollection","features":[', ']}');
  }
  return jsonStream(dataset.rows(), properties);
}
