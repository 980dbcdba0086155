import type { LoaderFunctionArgs } from '@remix-run/node';
import { stringify } from 'csv-stringify/sync';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { feedbackScopeOf, feedbackViewOf, satisfactionOverTime } from '#app/modules/feedback/queries.server';

/** The staff's satisfaction over time per group (the chart on /admin/feedback) as CSV, in the viewer's scope. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'feedback.read', 'some');
  const scope = feedbackScopeOf(user);
  const { days, by } = feedbackViewOf(scope, new URL(request.url).searchParams);
  const { groups, weeks } = await satisfactionOverTime(scope, by, days);
  const names = new Map(groups.map((g) => [g.id, g]));
  const rows = weeks.map((w) => [w.week, by, w.groupId, names.get(w.groupId)!.nameRu, names.get(w.groupId)!.nameEn, w.ratings, w.average]);
  return new Response(stringify([['week', 'group', 'group_id', 'name_ru', 'name_en', 'ratings', 'average'], ...rows], { escape_formulas: true }), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="vmeste-satisfaction-by-${by}-${days}d.csv"`, 'Cache-Control': 'private, no-store' },
  });
}
