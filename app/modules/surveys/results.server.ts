// A survey's results: counts per question (what the charts draw), the frequent stemmed words of its text answers,
// the cross-tabulation of two choice questions, and every response flattened for the exports.
import { sql } from '#app/utils/db.server';
import type { AnswerValue } from './schemas';
import type { Survey } from './queries.server';

/** Answers per option, scale value or matrix cell ("r1:4"); numbers and dates as a count and a spread. */
export type QuestionResult = { id: string; answered: number; counts: Record<string, number>; mean: number | null; other: number };

const choicesOf = (v: AnswerValue | undefined): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' && 'choices' in v && Array.isArray(v.choices) ? v.choices : []);

async function* responses(surveyId: number) {
  const cursor = sql<{ answers: Record<string, AnswerValue> }[]>`SELECT answers FROM survey_responses WHERE survey_id = ${surveyId} ORDER BY id`.cursor(500);
  for await (const batch of cursor) for (const row of batch) yield row.answers;
}

export async function surveyResults(survey: Survey): Promise<{ total: number; questions: QuestionResult[] }> {
  const questions = survey.definition.sections.flatMap((s) => s.questions);
  const out = new Map<string, QuestionResult & { sum: number }>(questions.map((q) => [q.id, { id: q.id, answered: 0, counts: {}, mean: null, other: 0, sum: 0 }]));
  const add = (r: QuestionResult, key: string, by = 1) => (r.counts[key] = (r.counts[key] ?? 0) + by);
  let total = 0;
  for await (const answers of responses(survey.id)) {
    total++;
    for (const q of questions) {
      const v = answers[q.id];
      const r = out.get(q.id)!;
      if (v === undefined) continue;
      r.answered++;
      if (q.kind === 'single' || q.kind === 'multiple') {
        for (const c of choicesOf(v)) add(r, c);
        if (typeof v === 'object' && 'other' in v && v.other) r.other++;
      } else if (q.kind === 'scale' || q.kind === 'number') {
        if (q.kind === 'scale') add(r, String(v));
        r.sum += Number(v);
      } else if (q.kind === 'ranking' && Array.isArray(v)) {
        // Points by place (Borda): first of n gets n − 1.
        v.forEach((id, i) => add(r, String(id), v.length - 1 - i));
      } else if (q.kind === 'matrix' && typeof v === 'object') {
        for (const [row, value] of Object.entries(v)) add(r, `${row}:${value}`);
      }
    }
  }
  return {
    total,
    questions: questions.map((q) => {
      const { sum, ...r } = out.get(q.id)!;
      return { ...r, mean: (q.kind === 'scale' || q.kind === 'number') && r.answered ? Math.round((sum / r.answered) * 100) / 100 : null };
    }),
  };
}

/**
 * The words that come up most in a text question's answers, stemmed by Postgres full-text search as /admin/feedback
 * does (the Russian configuration stems Russian words and passes Latin ones to the English stemmer), stop words left out.
 */
export async function frequentWords(surveyId: number, questionId: string, limit = 15): Promise<{ word: string; answers: number }[]> {
  return sql`
    SELECT word, count(DISTINCT r.id)::int AS answers
    FROM survey_responses r, unnest(tsvector_to_array(to_tsvector('russian', r.answers ->> ${questionId}::text))) AS word
    WHERE r.survey_id = ${surveyId} AND jsonb_typeof(r.answers -> ${questionId}::text) = 'string' AND length(word) > 2
    GROUP BY word ORDER BY answers DESC, word LIMIT ${limit}`;
}

/** The latest text answers of a question (the page lists a few beside the words). */
export async function textAnswers(surveyId: number, questionId: string, limit = 20): Promise<string[]> {
  const rows = await sql<{ text: string }[]>`SELECT answers ->> ${questionId}::text AS text FROM survey_responses WHERE survey_id = ${surveyId} AND answers ? ${questionId}::text LIMIT ${limit}`;
  return rows.map((r) => r.text);
}

/**
 * The latest photo answers of a question, newest first: each answer is the photo's id, served to the survey's staff
 * by /media/survey-photos/<id> (ADR 066), so the results page shows them as thumbnails.
 */
export async function photoAnswers(surveyId: number, questionId: string, limit = 24): Promise<string[]> {
  const rows = await sql<{ photo: string }[]>`
    SELECT r.answers ->> ${questionId}::text AS photo FROM survey_responses r
    WHERE r.survey_id = ${surveyId} AND jsonb_typeof(r.answers -> ${questionId}::text) = 'string'
    ORDER BY r.id DESC LIMIT ${limit}`;
  return rows.map((r) => r.photo);
}

/** Responses answering both choice questions, counted per pair of options (a response with several choices counts in each). */
export async function crossTab(survey: Survey, rowsId: string, columnsId: string): Promise<Record<string, Record<string, number>>> {
  const table: Record<string, Record<string, number>> = {};
  for await (const answers of responses(survey.id)) {
    for (const a of choicesOf(answers[rowsId])) for (const b of choicesOf(answers[columnsId])) {
      table[a] ??= {};
      table[a][b] = (table[a][b] ?? 0) + 1;
    }
  }
  return table;
}

/** One flat row per response, a column per question (matrix rows, ranking places, a point's coordinates apart). */
export function exportColumns(survey: Survey): string[] {
  return survey.definition.sections.flatMap((s) =>
    s.questions.flatMap((q) => {
      if (q.kind === 'matrix') return (q.rows ?? []).map((r) => `${q.id}.${r.id}`);
      if (q.kind === 'point') return [`${q.id}.lat`, `${q.id}.lng`];
      if (q.kind === 'multiple') return [q.id, `${q.id}.other`];
      return [q.id];
    }),
  );
}

export async function* exportRows(survey: Survey): AsyncIterable<Record<string, string | number | null>[]> {
  const questions = survey.definition.sections.flatMap((s) => s.questions);
  let batch: Record<string, string | number | null>[] = [];
  let n = 0;
  for await (const answers of responses(survey.id)) {
    const row: Record<string, string | number | null> = { response: ++n };
    for (const q of questions) {
      const v = answers[q.id];
      if (q.kind === 'matrix') for (const r of q.rows ?? []) row[`${q.id}.${r.id}`] = v && typeof v === 'object' ? ((v as Record<string, number>)[r.id] ?? null) : null;
      else if (q.kind === 'point') {
        const p = v as { lat: number; lng: number } | undefined;
        row[`${q.id}.lat`] = p?.lat ?? null;
        row[`${q.id}.lng`] = p?.lng ?? null;
      } else if (q.kind === 'multiple') {
        row[q.id] = choicesOf(v).join(' ') || null;
        row[`${q.id}.other`] = v && typeof v === 'object' && 'other' in v ? (v.other ?? null) : null;
      } else if (Array.isArray(v)) row[q.id] = v.join(' ');
      else row[q.id] = (v as string | number | undefined) ?? null;
    }
    batch.push(row);
    if (batch.length === 500) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
