import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiJson, parseQuery, withApiLimits } from '#app/modules/api/http.server';
import { apiIdeas, ideasQuerySchema } from '#app/modules/ideas/api.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return withApiLimits(request, context, async () => {
    const query = parseQuery(ideasQuerySchema, request);
    return query.ok ? apiJson(await apiIdeas(query.data)) : query.response;
  });
}
