import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiJson, withApiLimits } from '#app/modules/api/http.server';
import { apiDepartments } from '#app/modules/api/v1.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return withApiLimits(request, context, async () => apiJson(await apiDepartments()));
}
