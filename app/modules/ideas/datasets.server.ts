// The Ideas tool's open data: ideas not hidden by moderators, with their supports and comments, and in a budget
// project their costs and the experts' verdict (no author identity).
import { sql } from '#app/utils/db.server';
import { datasetState, isoOrNull } from '#app/utils/streams.server';
import type { Dataset } from '#app/modules/manifest';


export const ideasDataset: Dataset = {
  id: 'ideas',
  title: { ru: 'Идеи жителей', en: "Residents' ideas" },
  description: {
    ru: 'Идеи по проектам: текст, теги, статус, поддержка и обсуждение; в инициативном бюджете — оценка автора, стоимость и заключение экспертов. Скрытые модераторами не публикуются; без сведений об авторах.',
    en: "Ideas by project: text, tags, status, supports and comments; in a participatory budget, the author's estimate, the cost and the experts' verdict. Ideas hidden by moderators are left out; no author identity.",
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
    { name: 'currency', type: 'string', description: "The project's currency (ISO 4217) when it is a participatory budget; empty otherwise" },
    { name: 'proposed_cost', type: 'integer', description: "The author's estimate, in whole units of the currency" },
    { name: 'cost', type: 'integer', description: "The experts' cost, in whole units of the currency" },
    { name: 'feasibility', type: 'string', description: 'feasible | infeasible; empty until the experts give their verdict' },
    { name: 'feasibility_reason', type: 'string', description: "The experts' reasons, as published on the idea page" },
    { name: 'budget_district', type: 'string', description: "Code of the district whose budget pays for it; empty for the city's budget" },
    { name: 'created_at', type: 'datetime', description: 'When it was proposed' },
  ],
  resources: [
    { name: 'ideas-csv', path: 'ideas.csv', format: 'csv', mediatype: 'text/csv' },
    { name: 'ideas-json', path: 'ideas.json', format: 'json', mediatype: 'application/json' },
  ],
  state: () => datasetState(sql`
      SELECT count(*)::int AS rows, max(updated_at) AS updated FROM ideas WHERE status <> 'hidden'`),
  rows: async function* () {
    const cursor = sql`
      SELECT i.id::int AS id, p.slug AS project, i.title, i.body, array_to_string(i.tags, '; ') AS tags, i.status, i.merged_into_id::int AS merged_into,
             i.support_count AS supports, i.comment_count AS comments, p.currency, i.proposed_cost::int AS proposed_cost, i.cost::int AS cost,
             i.feasibility, i.feasibility_reason, d.code AS budget_district, i.created_at
      FROM ideas i JOIN projects p ON p.id = i.project_id LEFT JOIN districts d ON d.id = i.district_id
      WHERE i.status <> 'hidden' ORDER BY i.id`.cursor(1000);
    for await (const batch of cursor) yield batch.map((r) => ({ ...r, created_at: isoOrNull(r.created_at) }));
  },
};
