import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, apiJson, withApiLimits } from '#app/modules/api/http.server';
import { idParams } from '#app/modules/api/schemas';
import { apiReport } from '#app/modules/api/v1.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiLimits(request, context, async () => {
    const parsed = idParams.safeParse(params);
    if (!parsed.success) return apiError(400, 'bad_request', 'The id must be a positive whole number', { id: parsed.error.issues[0]!.message });
    const report = await apiReport(parsed.data.id);
    return report ? apiJson(report) : apiError(404, 'not_found', `No public report ${parsed.data.id}`);
  });
}
