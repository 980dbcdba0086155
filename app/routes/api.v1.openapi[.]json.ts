import { apiJson } from '#app/modules/api/http.server';
import { openApiDocument } from '#app/modules/api/v1.server';
import { appOrigin } from '#app/utils/env.server';

export async function loader() {
  return apiJson(openApiDocument(appOrigin()));
}
