import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiList, noParameters } from '#app/modules/api/http.server';
import { apiDepartments } from '#app/modules/api/v1.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  return apiList(request, context, noParameters, apiDepartments);
}
