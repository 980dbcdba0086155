import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiJson, parseQuery, withApiLimits } from '#app/modules/api/http.server';
import { reportsQuerySchema } from '#app/modules/api/schemas';
import { apiReports } from '#app/modules/api/v1.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return withApiLimits(request, context, async () => {
    const query = parseQuery(reportsQuerySchema, request);
    return query.ok ? apiJson(await apiReports(query.data)) : query.response;
  });
}
