import { checkHealth } from '#app/modules/health/check-health.server';

/** 200 when Postgres and Redis answer; 503 naming what is down. */
export async function loader() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
