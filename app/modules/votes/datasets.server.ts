// The Votes tool's open data: every published ballot's sealed ledger, results and turnout (never who voted).
import { sql } from '#app/utils/db.server';
import { datasetState } from '#app/utils/streams.server';
import type { Dataset } from '#app/modules/manifest';

const publishedState = () =>
  datasetState(sql`SELECT coalesce(sum(entry_count), 0)::int AS rows, max(published_at) AS updated FROM ballots WHERE status = 'published'`);

const ledgersSelect = `
  SELECT l.ballot_id, l.seq, l.receipt_hash, l.choices, l.prev_hash, l.entry_hash FROM ballot_ledger l
  JOIN ballots b ON b.id = l.ballot_id WHERE b.status = 'published' ORDER BY l.ballot_id, l.seq`;

export const ballotLedgers: Dataset = {
  id: 'ballot-ledgers',
  title: { ru: 'Реестры бюллетеней голосований', en: 'Ballot ledgers' },
  description: {
    ru: 'Все бюллетени опубликованных голосований: хеш квитанции, выбор и цепочка SHA-256. Без сведений о голосовавших. Формат: docs/ballot-ledger.md; по одному голосованию: /votes/<id>/ledger.csv и /votes/<id>/results.json.',
    en: 'Every ballot of every published vote: receipt hash, choices and the SHA-256 chain. No voter identity. Format: docs/ballot-ledger.md; one ballot at a time: /votes/<id>/ledger.csv and /votes/<id>/results.json.',
  },
  fields: [
    { name: 'ballot_id', type: 'integer', description: 'Ballot number (one chain per ballot)' },
    { name: 'seq', type: 'integer', description: 'Position in the chain, 1..n (ordered by receipt_hash)' },
    { name: 'receipt_hash', type: 'string', description: 'SHA-256 (hex) of the voter’s receipt code' },
    { name: 'choices', type: 'string', description: 'Canonical choices: {"<question id>": answer} — option ids ascending, {"ranking":[…]} or {"grades":{…}} (docs/ballot-ledger.md)' },
    { name: 'prev_hash', type: 'string', description: 'entry_hash of the previous entry (64 zeros for the first)' },
    { name: 'entry_hash', type: 'string', description: 'SHA-256(prev_hash|seq|receipt_hash|choices)' },
  ],
  resources: [{ name: 'ballot-ledgers-csv', path: 'ballot-ledgers.csv', format: 'csv', mediatype: 'text/csv' }],
  state: publishedState,
  rows: async function* () {
    const cursor = sql.unsafe(ledgersSelect).cursor(1000);
    for await (const batch of cursor) yield batch;
  },
  // Numbers, hex hashes and canonical JSON: COPY writes the CSV as csv-stringify would.
  csvSelect: ledgersSelect,
};

export const ballotResults: Dataset = {
  id: 'ballot-results',
  title: { ru: 'Итоги голосований', en: 'Ballot results' },
  description: {
    ru: 'Голоса за каждый ответ опубликованных голосований, посчитанные по реестру, с вершиной цепочки и числом бюллетеней.',
    en: 'Votes for each answer of every published ballot, counted from its ledger, with the chain head and the number of ballots.',
  },
  fields: [
    { name: 'ballot_id', type: 'integer', description: 'Ballot number' },
    { name: 'ballot', type: 'string', description: 'Ballot title (Russian)' },
    { name: 'question_id', type: 'integer', description: 'Question number' },
    { name: 'option_id', type: 'integer', description: 'Answer number' },
    { name: 'option', type: 'string', description: 'Answer (Russian)' },
    { name: 'votes', type: 'integer', description: 'Ledger entries choosing this answer' },
    { name: 'entry_count', type: 'integer', description: 'Entries in the ballot’s ledger' },
    { name: 'chain_head', type: 'string', description: 'entry_hash of the ballot’s last ledger entry' },
    { name: 'published_at', type: 'datetime', description: 'When the result was published' },
  ],
  resources: [
    { name: 'ballot-results-csv', path: 'ballot-results.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'ballot-results-json', path: 'ballot-results.json', format: 'json', mediatype: 'application/json' },
  ],
  state: publishedState,
  rows: async function* () {
    const rows = await sql`
      SELECT b.id AS ballot_id, b.title_ru AS ballot, q.id AS question_id, o.id AS option_id, o.label_ru AS option,
        (SELECT count(*)::int FROM ballot_ledger l WHERE l.ballot_id = b.id AND (l.choices::jsonb -> q.id::text) @> to_jsonb(o.id)) AS votes,
        b.entry_count, b.chain_head, b.published_at
      FROM ballots b JOIN ballot_questions q ON q.ballot_id = b.id JOIN ballot_options o ON o.question_id = q.id
      WHERE b.status = 'published' ORDER BY b.id, q.position, o.position`;
    yield rows.map((r) => ({ ...r, published_at: r.published_at ? new Date(r.published_at as string).toISOString() : null }));
  },
};

export const ballotTurnout: Dataset = {
  id: 'ballot-turnout',
  title: { ru: 'Явка на голосованиях', en: 'Ballot turnout' },
  description: {
    ru: 'Сколько жителей проголосовало на каждом опубликованном голосовании, по районам и возрастным группам. Кто голосовал — не публикуется.',
    en: 'How many residents voted in each published ballot, by district and by age band. Who voted is never published.',
  },
  fields: [
    { name: 'ballot_id', type: 'integer', description: 'Ballot number' },
    { name: 'dimension', type: 'string', description: 'district | age_band' },
    { name: 'value', type: 'string', description: 'District code or age band (18-29, 30-44, 45-59, 60+, under-18, unknown)' },
    { name: 'voters', type: 'integer', description: 'Residents who voted' },
  ],
  resources: [{ name: 'ballot-turnout-csv', path: 'ballot-turnout.csv', format: 'csv', mediatype: 'text/csv' }],
  state: publishedState,
  rows: async function* () {
    yield await sql`
      SELECT p.ballot_id, 'district' AS dimension, coalesce(d.code, 'unknown') AS value, count(*)::int AS voters
      FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id LEFT JOIN districts d ON d.id = p.district_id
      WHERE b.status = 'published' GROUP BY p.ballot_id, d.code
      UNION ALL
      SELECT p.ballot_id, 'age_band', p.age_band, count(*)::int FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id
      WHERE b.status = 'published' GROUP BY p.ballot_id, p.age_band
      ORDER BY 1, 2, 3`;
  },
};

/** What the city decided by vote and how far each step of carrying it out has come. */
export const decisionProgress: Dataset = {
  id: 'decision-progress',
  title: { ru: 'Исполнение решений', en: 'Implementation of decisions' },
  description: {
    ru: 'Решения, принятые голосованием, и ход их исполнения: шаги, ответственные службы, сроки, статус и процент готовности.',
    en: 'Decisions taken by vote and how their implementation goes: steps, responsible departments, due dates, status and progress.',
  },
  fields: [
    { name: 'decision_id', type: 'integer', description: 'Decision number (/decisions/<id>)' },
    { name: 'ballot_id', type: 'integer', description: 'The ballot that decided it' },
    { name: 'idea_id', type: 'integer', description: 'The idea it came from, if any' },
    { name: 'decision', type: 'string', description: 'Decision (Russian)' },
    { name: 'decision_status', type: 'string', description: 'planned | in_progress | done' },
    { name: 'done_at', type: 'datetime', description: 'When the decision was marked done' },
    { name: 'amount', type: 'integer', description: 'Amount allotted by a participatory budget, whole currency units (empty: not a budget project)' },
    { name: 'amount_spent', type: 'integer', description: 'Amount spent so far, same currency (empty: not reported yet)' },
    { name: 'currency', type: 'string', description: 'ISO 4217 code of both amounts' },
    { name: 'item_id', type: 'integer', description: 'Implementation step number (empty: no steps yet)' },
    { name: 'item', type: 'string', description: 'Step (Russian)' },
    { name: 'department', type: 'string', description: 'Responsible department (Russian)' },
    { name: 'due_on', type: 'string', description: 'Due date of the step (YYYY-MM-DD)' },
    { name: 'item_status', type: 'string', description: 'planned | in_progress | done' },
    { name: 'progress', type: 'integer', description: 'Progress of the step, 0–100 %' },
    { name: 'updated_at', type: 'datetime', description: 'Last change of the step' },
  ],
  resources: [
    { name: 'decision-progress-csv', path: 'decision-progress.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'decision-progress-json', path: 'decision-progress.json', format: 'json', mediatype: 'application/json' },
  ],
  state: () => datasetState(sql`
      SELECT (SELECT count(*) FROM decisions d LEFT JOIN implementation_items i ON i.decision_id = d.id)::int AS rows,
        greatest((SELECT max(updated_at) FROM decisions), (SELECT max(updated_at) FROM implementation_items)) AS updated`),
  rows: async function* () {
    const cursor = sql`
      SELECT d.id AS decision_id, d.ballot_id, d.idea_id::int AS idea_id, d.title_ru AS decision, d.status AS decision_status, d.done_at,
        d.amount::int AS amount, d.amount_spent::int AS amount_spent, d.currency, i.id AS item_id, i.title_ru AS item, dep.name_ru AS department, i.due_on::text AS due_on, i.status AS item_status, i.progress, i.updated_at
      FROM decisions d LEFT JOIN implementation_items i ON i.decision_id = d.id LEFT JOIN departments dep ON dep.id = i.department_id
      ORDER BY d.id, i.id`.cursor(1000);
    for await (const batch of cursor) yield batch;
  },
};

export const participatoryBudgets: Dataset = {
  id: 'participatory-budgets',
  title: { ru: 'Инициативные бюджеты', en: 'Participatory budgets' },
  description: {
    ru: 'Каждый опубликованный бюджетный вопрос: сумма, правило подсчёта и ссылка на файл в формате Pabulib (.pb) с проектами, их стоимостью, итогом и голосами.',
    en: 'Every published budget question: its amount, counting rule and a link to its Pabulib (.pb) file with the projects, their costs, the outcome and the votes.',
  },
  fields: [
    { name: 'ballot_id', type: 'integer', description: 'Ballot number' },
    { name: 'question_id', type: 'integer', description: 'Question number' },
    { name: 'ballot', type: 'string', description: 'Ballot title (Russian)' },
    { name: 'rule', type: 'string', description: 'greedy | equal-shares' },
    { name: 'budget', type: 'integer', description: 'Amount to spend, whole currency units' },
    { name: 'currency', type: 'string', description: 'ISO 4217 code' },
    { name: 'projects', type: 'integer', description: 'Projects on the ballot' },
    { name: 'entry_count', type: 'integer', description: 'Entries in the ballot’s ledger (the .pb file’s votes)' },
    { name: 'pabulib', type: 'string', description: 'Path of the .pb file (pabulib.org/format)' },
  ],
  resources: [{ name: 'participatory-budgets-csv', path: 'participatory-budgets.csv', format: 'csv', mediatype: 'text/csv' }],
  state: publishedState,
  rows: async function* () {
    const rows = await sql`
      SELECT b.id AS ballot_id, q.id AS question_id, b.title_ru AS ballot, q.rule, q.budget::bigint AS budget, q.currency,
        (SELECT count(*)::int FROM ballot_options o WHERE o.question_id = q.id) AS projects, b.entry_count,
        '/votes/' || b.id || '/budget/' || q.id || '.pb' AS pabulib
      FROM ballots b JOIN ballot_questions q ON q.ballot_id = b.id
      WHERE b.status = 'published' AND q.kind = 'budget' ORDER BY b.id, q.position`;
    yield rows.map((r) => ({ ...r, budget: Number(r.budget) }));
  },
};

export const votesDatasets = [ballotLedgers, ballotResults, participatoryBudgets, ballotTurnout, decisionProgress];
