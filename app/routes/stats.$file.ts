import type { LoaderFunctionArgs } from '@remix-run/node';
import { stringify } from 'csv-stringify/sync';
import { satisfactionByKind } from '#app/modules/feedback/stats.server';
import { centresFigures, satisfactionIndex } from '#app/modules/feedback/satisfaction-index.server';
import { ideasByProject } from '#app/modules/ideas/stats.server';
import { dailyKpis, participationByChannel, type DayRow } from '#app/modules/stats/queries.server';
import { turnoutByChannel, turnoutByDistrict } from '#app/modules/votes/stats.server';
import { readFromReplica } from '#app/utils/read-replica.server';

const daily = (columns: (keyof DayRow)[]) => async () => {
  const rows = await dailyKpis(3650);
  return { columns: columns.map((c) => c.replace(/\./g, '_')), rows: rows.map((r) => columns.map((c) => r[c] ?? '')) };
};

/** Each chart of /stats as CSV (a few hundred rows from the pre-aggregated tables). */
const files: Record<string, () => Promise<{ columns: string[]; rows: unknown[][] }>> = {
  'reports-daily.csv': daily(['day', 'reports.received', 'reports.solved', 'reports.answered', 'reports.answered_on_time', 'reports.median_answer_hours']),
  'participants.csv': daily(['day', 'participants']),
  'satisfaction.csv': daily(['day', 'satisfaction.average', 'satisfaction.ratings']),
  'satisfaction-by-kind.csv': async () => ({ columns: ['week', 'kind', 'average', 'ratings'], rows: (await satisfactionByKind(3650)).map((r) => [r.week, r.kind, r.average, r.ratings]) }),
  'satisfaction-index.csv': async () => ({ columns: ['unit', 'unit_id', 'name_ru', 'name_en', 'month', 'ratings', 'index'], rows: (await satisfactionIndex({ departmentIds: 'all' }, 120)).map((r) => [r.unit, r.id, r.nameRu, r.nameEn, r.month, r.ratings, r.index]) }),
  'centres.csv': async () => ({ columns: ['centre', 'name_ru', 'name_en', 'visits_served', 'tickets_served', 'average_wait_minutes', 'ratings', 'average_score', 'visits_missed', 'average_service_minutes'], rows: (await centresFigures(90)).map((c) => [c.code, c.nameRu, c.nameEn, c.visitsServed, c.ticketsServed, c.averageWaitMinutes ?? '', c.ratings, c.average ?? '', c.noShows, c.averageServiceMinutes ?? '']) }),
  'ideas-by-project.csv': async () => ({ columns: ['project_id', 'title_ru', 'title_en', 'proposed', 'accepted'], rows: (await ideasByProject()).map((p) => [p.projectId, p.titleRu, p.titleEn, p.proposed, p.accepted]) }),
  'participation-by-channel.csv': async () => ({ columns: ['activity', 'channel', 'count'], rows: (await participationByChannel()).map((r) => [r.activity, r.channel, r.count]) }),
  'turnout-by-channel.csv': async () => ({ columns: ['ballot_id', 'ballot_ru', 'ballot_en', 'channel', 'voters'], rows: (await turnoutByChannel(1000)).map((r) => [r.ballotId, r.titleRu, r.titleEn, r.channel, r.voters]) }),
  'turnout.csv': async () => ({ columns: ['ballot_id', 'ballot_ru', 'ballot_en', 'district', 'voters'], rows: (await turnoutByDistrict(1000)).map((r) => [r.ballotId, r.titleRu, r.titleEn, r.districtCode, r.voters]) }),
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const make = files[params.file ?? ''];
  if (!make) throw new Response('Not found', { status: 404 });
  const { columns, rows } = await readFromReplica(request, make);
  return new Response(stringify([columns, ...rows], { escape_formulas: true }), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="vmeste-${params.file}"`, 'Cache-Control': 'public, max-age=60' },
  });
}
