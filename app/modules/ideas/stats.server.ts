// The ideas tool's part of the city's figures (ADR 011): ideas proposed per day and project, the running totals per
// project (merged ideas counted once, in their survivor), and what waits for moderators now.
import { sql } from '#app/utils/db.server';
import type { StatsDeclaration } from '#app/modules/manifest';

export const ideasStats = {
  daily: ({ tx, day, since }) => [tx`SELECT 'ideas.proposed', ${day('created_at')}, project_id::text, count(*) FROM ideas WHERE ${since('created_at')} GROUP BY 2, 3`],
  totals: ({ tx }) => [
    tx`SELECT 'ideas.proposed_total', project_id::text, count(*) FROM ideas WHERE status <> 'merged' GROUP BY 2`,
    tx`SELECT 'ideas.accepted_total', project_id::text, count(*) FROM ideas WHERE status = 'accepted' GROUP BY 2`,
    // Ideas and supports by the channel they came through (ADR 048).
    tx`SELECT 'participation.channel', 'ideas:' || channel::text, count(*) FROM ideas GROUP BY 2`,
    tx`SELECT 'participation.channel', 'supports:' || channel::text, count(*) FROM idea_supports GROUP BY 2`,
  ],
  participants: ({ tx, day, since }) => [
    tx`SELECT ${day('created_at')}, author_id FROM ideas WHERE author_id IS NOT NULL AND ${since('created_at')}`,
    tx`SELECT ${day('created_at')}, author_id FROM idea_comments WHERE author_id IS NOT NULL AND ${since('created_at')}`,
    tx`SELECT ${day('created_at')}, user_id FROM idea_supports WHERE ${since('created_at')}`,
  ],
  operations: async () => {
    const [counts] = await sql<{ ideasUnmoderated: number; flagsOpen: number }[]>`
      SELECT
        (SELECT count(*) FROM ideas WHERE moderated_at IS NULL AND status = 'published')::int AS "ideasUnmoderated",
        (SELECT count(*) FROM abuse_flags WHERE resolved_at IS NULL)::int AS "flagsOpen"`;
    return counts!;
  },
} satisfies StatsDeclaration;

export type ProjectRow = { projectId: number; titleRu: string; titleEn: string; proposed: number; accepted: number };

/** Ideas proposed and accepted per project, from the counted totals (`/stats`). */
export async function ideasByProject(): Promise<ProjectRow[]> {
  return sql<ProjectRow[]>`
    SELECT p.id AS "projectId", p.title_ru AS "titleRu", p.title_en AS "titleEn",
      coalesce((SELECT value FROM stats_totals WHERE metric = 'ideas.proposed_total' AND dimension = p.id::text), 0)::int AS proposed,
      coalesce((SELECT value FROM stats_totals WHERE metric = 'ideas.accepted_total' AND dimension = p.id::text), 0)::int AS accepted
    FROM projects p ORDER BY p.id`;
}
