import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, apiJson, withApiLimits } from '#app/modules/api/http.server';
import { idParams } from '#app/modules/api/schemas';
import { apiBallot } from '#app/modules/votes/api.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiLimits(request, context, async () => {
    const parsed = idParams.safeParse(params);
    if (!parsed.success) return apiError(400, 'bad_request', 'The id must be a positive whole number', { id: parsed.error.issues[0]!.message });
    const ballot = await apiBallot(parsed.data.id);
    return ballot ? apiJson(ballot) : apiError(404, 'not_found', `No public ballot ${parsed.data.id}`);
  });
}
