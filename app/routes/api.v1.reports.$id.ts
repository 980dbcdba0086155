import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiById } from '#app/modules/api/http.server';
import { apiReport } from '#app/modules/api/v1.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return apiById(request, context, params.id, 'report', apiReport);
}
