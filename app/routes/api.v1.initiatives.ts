import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiList } from '#app/modules/api/http.server';
import { apiInitiatives, initiativesQuerySchema } from '#app/modules/initiatives/api.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return apiList(request, context, initiativesQuerySchema, apiInitiatives);
}
