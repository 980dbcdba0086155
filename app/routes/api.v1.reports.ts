import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiList } from '#app/modules/api/http.server';
import { reportsQuerySchema } from '#app/modules/api/schemas';
import { apiReports } from '#app/modules/api/v1.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return apiList(request, context, reportsQuerySchema, apiReports);
}
