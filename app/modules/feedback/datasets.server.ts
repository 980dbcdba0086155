// The feedback tool's open data (ADR 050): the satisfaction index per unit and month, and each centre's daily waits
// and ratings. Never who rated, nor any comment.
import { sql } from '#app/utils/db.server';
import { datasetState } from '#app/utils/streams.server';
import type { Dataset } from '#app/modules/manifest';
import { centreDailyRows, satisfactionIndex } from './satisfaction-index.server';

export const satisfactionIndexDataset: Dataset = {
  id: 'satisfaction-index-monthly',
  title: { ru: 'Индекс удовлетворённости по месяцам', en: 'Satisfaction index per month' },
  description: {
    ru: 'Сводный индекс удовлетворённости (0–100) жителей по службам, категориям проблем, центрам госуслуг и услугам за каждый месяц (по времени города): взвешенное среднее общей оценки и оценённых показателей (понятность, скорость, вежливость, ожидание, результат).',
    en: "Residents' composite satisfaction index (0–100) per department, problem category, service centre and service for each month (the city's time): the weighted mean of the overall rating and the dimensions rated (clarity, speed, conduct, waiting, result).",
  },
  fields: [
    { name: 'unit', type: 'string', description: 'department, category, centre or service' },
    { name: 'unit_id', type: 'integer', description: "The unit's id" },
    { name: 'name_ru', type: 'string', description: 'Name (Russian)' },
    { name: 'name_en', type: 'string', description: 'Name (English)' },
    { name: 'month', type: 'string', description: "The month (YYYY-MM, the city's time)" },
    { name: 'ratings', type: 'integer', description: 'Ratings counted' },
    { name: 'index', type: 'number', description: 'The index, 0 (all rated 1) to 100 (all rated 5)' },
  ],
  resources: [{ name: 'satisfaction-index-monthly-csv', path: 'satisfaction-index-monthly.csv', format: 'csv', mediatype: 'text/csv' }],
  // A few hundred rows at most (a month's units, over ten years): counted by computing them.
  state: async () => {
    const [rows, [last]] = await Promise.all([satisfactionIndex({ departmentIds: 'all' }, 120), sql<{ at: string | null }[]>`SELECT max(created_at) AS at FROM feedback`]);
    return { rows: rows.length, updated: last?.at ? new Date(last.at) : new Date(0) };
  },
  rows: async function* () {
    const rows = await satisfactionIndex({ departmentIds: 'all' }, 120);
    yield rows.map((r) => ({ unit: r.unit, unit_id: r.id, name_ru: r.nameRu, name_en: r.nameEn, month: r.month, ratings: r.ratings, index: r.index }));
  },
};

export const centreDailyDataset: Dataset = {
  id: 'centre-service-daily',
  title: { ru: 'Ожидание и оценки в центрах госуслуг по дням', en: 'Service centres: waits and ratings per day' },
  description: {
    ru: 'Для каждого центра и дня (по времени города): сколько талонов обслужено, среднее ожидание от талона до вызова в минутах, сколько визитов оценено и средняя оценка.',
    en: "For each centre and day (the city's time): tickets served, the average wait from ticket to call in minutes, visits rated and their average rating.",
  },
  fields: [
    { name: 'centre', type: 'string', description: 'Centre code' },
    { name: 'day', type: 'string', description: "The day (YYYY-MM-DD, the city's time)" },
    { name: 'tickets_served', type: 'integer', description: 'Tickets served (walk-ins and booked visits)' },
    { name: 'average_wait_minutes', type: 'number', description: 'Average minutes from the ticket to its call; empty when none was served' },
    { name: 'ratings', type: 'integer', description: 'Ratings of the visits served that day' },
    { name: 'average_score', type: 'number', description: 'Their average overall rating (1–5); empty without ratings' },
  ],
  resources: [{ name: 'centre-service-daily-csv', path: 'centre-service-daily.csv', format: 'csv', mediatype: 'text/csv' }],
  state: () => datasetState(sql`SELECT count(*)::int AS rows, (SELECT greatest(max(t.finished_at), (SELECT max(created_at) FROM feedback WHERE subject = 'visit')) FROM tickets t) AS updated FROM (${centreDailyRows()}) d`),
  rows: async function* () {
    for await (const batch of centreDailyRows().cursor(1000)) yield batch;
  },
};
