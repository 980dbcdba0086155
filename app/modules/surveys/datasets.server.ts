// The Surveys tool's open data: counted answers of closed anonymous surveys. Identified surveys are never published,
// and no count under five is: a small group could point at the few who answered so.
import { sql } from '#app/utils/db.server';
import { datasetState, isoOrNull } from '#app/utils/streams.server';
import type { Dataset } from '#app/modules/manifest';
import { getSurvey } from './queries.server';
import { surveyResults } from './results.server';
import { scaleRange } from './logic';

/** The smallest count published; smaller cells are published empty (suppressed). */
export const smallestCell = 5;

const closedAnonymous = sql`status = 'published' AND anonymous AND closes_at <= now()`;

export const surveyResultsDataset: Dataset = {
  id: 'survey-results',
  title: { ru: 'Итоги опросов', en: 'Survey results' },
  description: {
    ru: 'Сколько жителей выбрало каждый ответ в завершённых анонимных опросах: варианты, баллы шкал, ячейки таблиц. Число меньше 5 не публикуется (пустая ячейка, suppressed = true). Ранжирования, текстовые ответы, точки и фото не публикуются.',
    en: 'How many residents chose each answer in closed anonymous surveys: options, scale points, matrix cells. Counts under 5 are not published (empty, suppressed = true). Rankings, text answers, points and photos are not published.',
  },
  fields: [
    { name: 'survey_id', type: 'integer', description: 'Survey number' },
    { name: 'survey', type: 'string', description: 'Survey title (Russian)' },
    { name: 'responses', type: 'integer', description: 'Responses to the survey (empty when under 5)' },
    { name: 'question_id', type: 'string', description: 'Question id (q1, q2…)' },
    { name: 'question', type: 'string', description: 'Question (Russian)' },
    { name: 'answer', type: 'string', description: 'Option id, scale value, or matrix row:value' },
    { name: 'label', type: 'string', description: 'Option or row (Russian)' },
    { name: 'count', type: 'integer', description: 'Responses with this answer; empty when under 5' },
    { name: 'suppressed', type: 'boolean', description: 'True when the count is under 5 and left out' },
    { name: 'closed_at', type: 'datetime', description: 'When the survey closed' },
  ],
  resources: [
    { name: 'survey-results-csv', path: 'survey-results.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'survey-results-json', path: 'survey-results.json', format: 'json', mediatype: 'application/json' },
  ],
  state: () => datasetState(sql`SELECT count(*)::int AS rows, max(closes_at) AS updated FROM surveys WHERE ${closedAnonymous}`),
  rows: async function* () {
    const ids = await sql<{ id: number }[]>`SELECT id FROM surveys WHERE ${closedAnonymous} ORDER BY id`;
    for (const { id } of ids) {
      const survey = (await getSurvey(id))!;
      const results = await surveyResults(survey);
      const rows: Record<string, unknown>[] = [];
      // In the order of `fields` (the JSON file keeps it).
      const row = (q: { id: string; text: { ru: string } }, answer: string, label: string, n: number) => ({
        survey_id: id, survey: survey.titleRu, responses: results.total < smallestCell ? null : results.total, question_id: q.id, question: q.text.ru, answer, label,
        count: n < smallestCell ? null : n, suppressed: n < smallestCell, closed_at: isoOrNull(survey.closesAt),
      });
      for (const q of survey.definition.sections.flatMap((s) => s.questions)) {
        const r = results.questions.find((x) => x.id === q.id)!;
        if (q.kind === 'single' || q.kind === 'multiple') for (const o of q.options ?? []) rows.push(row(q, o.id, o.label.ru, r.counts[o.id] ?? 0));
        if (q.kind === 'scale') for (const v of scaleRange(q)) rows.push(row(q, String(v), String(v), r.counts[String(v)] ?? 0));
        if (q.kind === 'matrix') for (const m of q.rows ?? []) for (const v of scaleRange(q)) rows.push(row(q, `${m.id}:${v}`, m.label.ru, r.counts[`${m.id}:${v}`] ?? 0));
      }
      yield rows;
    }
  },
};
