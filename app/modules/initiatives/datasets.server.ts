// The Initiatives tool's open data: initiatives past moderation with their support counts (no author or supporter identity).
import { sql } from '#app/utils/db.server';
import { datasetState, isoOrNull } from '#app/utils/streams.server';
import type { Dataset } from '#app/modules/manifest';

export const initiativesDataset: Dataset = {
  id: 'initiatives',
  title: { ru: 'Инициативы жителей', en: "Residents' initiatives" },
  description: {
    ru: 'Инициативы после модерации: текст, район, статус, число поддержавших, порог, срок сбора, ответ города. Без сведений об авторах и поддержавших.',
    en: 'Initiatives past moderation: text, district, status, supports, threshold, deadline, the city\'s answer. No author or supporter identity.',
  },
  fields: [
    { name: 'id', type: 'integer', description: 'Initiative number (/initiatives/<id>)' },
    { name: 'title', type: 'string', description: 'Title' },
    { name: 'body', type: 'string', description: 'Text' },
    { name: 'district', type: 'string', description: 'District code; empty for the whole city' },
    { name: 'status', type: 'string', description: 'collecting | review | voting | answered | expired' },
    { name: 'supports', type: 'integer', description: 'People supporting it' },
    { name: 'threshold', type: 'integer', description: 'Supports it needs' },
    { name: 'collects_until', type: 'datetime', description: 'End of the support period' },
    { name: 'reached_at', type: 'datetime', description: 'When it reached its threshold' },
    { name: 'answer', type: 'string', description: "The city's official answer, with its reasons" },
    { name: 'answered_at', type: 'datetime', description: 'When it was answered or sent to a vote' },
    { name: 'ballot_id', type: 'integer', description: 'The ballot it was sent to (/votes/<id>)' },
    { name: 'created_at', type: 'datetime', description: 'When it was started' },
  ],
  resources: [
    { name: 'initiatives-csv', path: 'initiatives.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'initiatives-json', path: 'initiatives.json', format: 'json', mediatype: 'application/json' },
  ],
  state: () => datasetState(sql`
      SELECT count(*)::int AS rows, max(updated_at) AS updated FROM initiatives WHERE status NOT IN ('pending', 'rejected')`),
  rows: async function* () {
    const cursor = sql`
      SELECT i.id::int AS id, i.title, i.body, coalesce(d.code, '') AS district, i.status, i.support_count AS supports, i.threshold,
             i.collects_until, i.reached_at, i.answer, i.answered_at, i.ballot_id, i.created_at
      FROM initiatives i LEFT JOIN districts d ON d.id = i.district_id WHERE i.status NOT IN ('pending', 'rejected') ORDER BY i.id`.cursor(1000);
    for await (const batch of cursor)
      yield batch.map((r) => ({ ...r, collects_until: isoOrNull(r.collects_until), reached_at: isoOrNull(r.reached_at), answered_at: isoOrNull(r.answered_at), created_at: isoOrNull(r.created_at) }));
  },
};
