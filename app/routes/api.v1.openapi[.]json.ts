import { apiJson } from '#app/modules/api/http.server';
import { openApiDocument } from '#app/modules/api/v1.server';

export async function loader({ request }: { request: Request }) {
  return apiJson(openApiDocument(new URL(request.url).origin));
}
