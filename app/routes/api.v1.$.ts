import { apiError } from '#app/modules/api/http.server';

/** Anything else under /api/v1 is a JSON 404 in the API's error shape, never an HTML page. */
export async function loader() {
  return apiError(404, 'not_found', 'No such endpoint; see /api/v1/openapi.json');
}
