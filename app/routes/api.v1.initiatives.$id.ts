import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiById } from '#app/modules/api/http.server';
import { apiInitiative } from '#app/modules/initiatives/api.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return apiById(request, context, params.id, 'initiative', apiInitiative);
}
