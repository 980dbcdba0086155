// The reports tool's part of the city's figures (ADR 011): received, solved and answered per day, as the department
// league defines them (league.server.ts), and what waits for moderators and departments now.
import { sql } from '#app/utils/db.server';
import type { StatsDeclaration } from '#app/modules/manifest';

export const reportsStats = {
  daily: ({ tx, day, since }) => [
    tx`SELECT 'reports.received', ${day('created_at')}, '', count(*) FROM reports WHERE ${since('created_at')} GROUP BY 2`,
    tx`SELECT 'reports.solved', ${day('closed_at')}, '', count(*) FROM reports WHERE closed_at IS NOT NULL AND ${since('closed_at')} GROUP BY 2`,
    tx`SELECT 'reports.answered', ${day('a.created_at')}, '', count(*) FROM report_answers a WHERE ${since('a.created_at')} GROUP BY 2`,
    tx`SELECT 'reports.answered_on_time', ${day('a.created_at')}, '', count(*) FILTER (WHERE (e.data->>'onTime')::boolean)
      FROM report_answers a LEFT JOIN report_events e ON e.report_id = a.report_id AND e.kind = 'answered' AND (e.data->>'answerId')::bigint = a.id
      WHERE ${since('a.created_at')} GROUP BY 2`,
    tx`SELECT 'reports.median_answer_hours', ${day('a.created_at')}, '',
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.created_at - coalesce(r.moderated_at, r.created_at)) / 3600)
      FROM report_answers a JOIN reports r ON r.id = a.report_id WHERE ${since('a.created_at')} GROUP BY 2`,
  ],
  // Reports by the channel they came through (ADR 048): web, app, centre, api.
  totals: ({ tx }) => [tx`SELECT 'participation.channel', 'reports:' || channel::text, count(*) FROM reports GROUP BY 2`],
  participants: ({ tx, day, since }) => [tx`SELECT ${day('created_at')}, author_id FROM reports WHERE author_id IS NOT NULL AND ${since('created_at')}`],
  operations: async () => {
    const [counts] = await sql<{ moderationWaiting: number; moderationOverdue: number; arbitration: number; answersOverdue: number }[]>`
      SELECT
        (SELECT count(*) FROM reports WHERE status = 'submitted')::int AS "moderationWaiting",
        (SELECT count(*) FROM reports WHERE status = 'submitted' AND moderation_due_at < now())::int AS "moderationOverdue",
        (SELECT count(*) FROM reports WHERE status = 'arbitration')::int AS arbitration,
        (SELECT count(*) FROM reports WHERE status = 'assigned' AND answer_due_at < now())::int AS "answersOverdue"`;
    const overdueByDepartment = await sql<{ nameRu: string; nameEn: string; overdue: number; open: number }[]>`
      SELECT d.name_ru AS "nameRu", d.name_en AS "nameEn",
        count(*) FILTER (WHERE r.answer_due_at < now())::int AS overdue, count(*)::int AS open
      FROM reports r JOIN departments d ON d.id = r.department_id WHERE r.status = 'assigned'
      GROUP BY d.id ORDER BY overdue DESC, open DESC`;
    return { ...counts!, overdueByDepartment: [...overdueByDepartment] };
  },
} satisfies StatsDeclaration;
