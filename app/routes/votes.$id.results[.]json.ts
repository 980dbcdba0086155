import type { LoaderFunctionArgs } from '@remix-run/node';
import { publishedResults } from '#app/modules/votes/ledger-export.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** The published tally, chain head, entry count and turnout: what `verify-ballot` checks the ledger against. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const results = await publishedResults(id);
  if (!results) return Response.json({ error: { code: 'not_found', message: `Ballot ${id} has no published results` } }, { status: 404 });
  return Response.json(results, { headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=60' } });
}
