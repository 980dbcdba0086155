import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiById } from '#app/modules/api/http.server';
import { apiBallot } from '#app/modules/votes/api.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return apiById(request, context, params.id, 'ballot', apiBallot);
}
