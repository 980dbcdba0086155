import type { LoaderFunctionArgs } from '@remix-run/node';
import { searchAddresses } from '#app/modules/city/index.server';
import { addressLookupSchema } from '#app/modules/city/schemas';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { searchParamsOf } from '#app/utils/search-params.server';

/**
 * The address registry searched as a person types (the report form's combobox, ADR 057): JSON, at most 8 matches,
 * best first. Public like the registry itself; a bounded query (400 with the field's message otherwise) and a burst
 * limit per IP (429 with Retry-After).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { q } = await searchParamsOf(request, addressLookupSchema);
  const wait = await consumeLimit('address-search', { ip: clientIp(context) });
  if (wait !== null) return Response.json({ error: 'too many searches' }, { status: 429, headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store' } });
  const matches = await searchAddresses(q!);
  return Response.json({ matches }, { headers: { 'Cache-Control': 'no-store' } });
}
