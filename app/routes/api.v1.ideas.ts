import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiList } from '#app/modules/api/http.server';
import { apiIdeas, ideasQuerySchema } from '#app/modules/ideas/api.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return apiList(request, context, ideasQuerySchema, apiIdeas);
}
