// The Reports tool's open data: approved reports (never who filed them) and how each department answers.
import { sql } from '#app/utils/db.server';
import { csvColumnSql, datasetState, isoOrNull, type CsvColumnType } from '#app/utils/streams.server';
import type { Dataset, Field } from '#app/modules/manifest';
import { departmentLeague } from './league.server';

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

/** The published columns: name, SQL expression, and how the CSV shows it. */
const reportColumns: [string, string, CsvColumnType][] = [
  ['id', 'r.id::int', 'integer'],
  ['category_code', 'c.code', 'text'],
  ['category', 'c.name_ru', 'text'],
  ['status', 'r.status::text', 'text'],
  ['overdue', 'r.overdue', 'boolean'],
  ['district', 'd.code', 'text'],
  ['department', 'dep.name_ru', 'text'],
  ['address', 'r.address', 'text'],
  ['description', 'r.description', 'text'],
  // Six decimals (about 10 cm) as published.
  ['lat', 'round(ST_Y(r.location)::numeric, 6)', 'decimal'],
  ['lng', 'round(ST_X(r.location)::numeric, 6)', 'decimal'],
  ['created_at', 'r.created_at', 'timestamp'],
  ['answer_due_at', 'r.answer_due_at', 'timestamp'],
  ['answered_at', 'r.answered_at', 'timestamp'],
  ['closed_at', 'r.closed_at', 'timestamp'],
  ['reopen_count', 'r.reopen_count', 'integer'],
];
const publicReports = `
  FROM reports r JOIN categories c ON c.id = r.category_id LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN departments dep ON dep.id = r.department_id
  WHERE r.status IN ('arbitration', 'assigned', 'answered', 'closed') ORDER BY r.id`;

export const reportsDataset: Dataset = {
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
  state: () => datasetState(sql`
      SELECT count(*)::int AS rows, max(updated_at) AS updated FROM reports WHERE status IN ('arbitration', 'assigned', 'answered', 'closed')`),
  rows: async function* () {
    const cursor = sql.unsafe(`SELECT ${reportColumns.map(([name, expr, type]) => `${expr}${type === 'decimal' ? '::float8' : ''} AS ${name}`).join(', ')} ${publicReports}`).cursor(1000);
    for await (const batch of cursor) {
      yield batch.map((r) => ({ ...r, created_at: isoOrNull(r.created_at), answer_due_at: isoOrNull(r.answer_due_at), answered_at: isoOrNull(r.answered_at), closed_at: isoOrNull(r.closed_at) }));
    }
  },
  // The CSV is written by Postgres (several times faster than csv-stringify), each column as csvStream writes it.
  csvSelect: `SELECT ${reportColumns.map(([name, expr, type]) => `${csvColumnSql(expr, type)} AS ${name}`).join(', ')} ${publicReports}`,
};

export const departmentPerformance: Dataset = {
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
  state: () => datasetState(sql`
      SELECT (SELECT count(*)::int FROM departments) AS rows, greatest((SELECT max(updated_at) FROM reports), (SELECT max(updated_at) FROM departments)) AS updated`),
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
