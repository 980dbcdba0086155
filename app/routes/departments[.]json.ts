import { departmentLeague } from '#app/modules/reports/league.server';

/** The department league as JSON: the same figures as /departments, for 30 days and all time. */
export async function loader() {
  const [last30Days, allTime] = await Promise.all([departmentLeague(30), departmentLeague(null)]);
  return Response.json({ generatedAt: new Date().toISOString(), last30Days, allTime }, { headers: { 'Cache-Control': 'public, max-age=60' } });
}
