import type { LoaderFunctionArgs } from '@remix-run/node';
import { mapQuerySchema } from '#app/modules/reports/map-schema';
import { mapFeatures } from '#app/modules/reports/queries.server';
import { readFromReplica } from '#app/utils/read-replica.server';

/** GET /reports/map.json?west&south&east&north&zoom[&category&district&status&overdue]: clusters or ≤ 500 points. */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = mapQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    const fields = Object.fromEntries(query.error.issues.map((i) => [String(i.path[0] ?? 'query'), i.message]));
    return Response.json({ error: { code: 'bad_request', message: 'Invalid map query', fields } }, { status: 400 });
  }
  const q = query.data;
  const features = await readFromReplica(request, () =>
    mapFeatures(
      { west: q.west, south: q.south, east: q.east, north: q.north, zoom: q.zoom },
      { categoryId: q.category, districtId: q.district, status: q.status, overdue: q.overdue },
    ),
  );
  return Response.json({ features }, { headers: { 'Cache-Control': 'public, max-age=15' } });
}
