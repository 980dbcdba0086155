import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiJson, withApiLimits } from '#app/modules/api/http.server';
import { apiProjects } from '#app/modules/ideas/api.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return withApiLimits(request, context, async () => apiJson(await apiProjects()));
}
