import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiList, noParameters } from '#app/modules/api/http.server';
import { apiProjects } from '#app/modules/ideas/api.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return apiList(request, context, noParameters, apiProjects);
}
