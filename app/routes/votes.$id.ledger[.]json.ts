import type { LoaderFunctionArgs } from '@remix-run/node';
import { publishedBallot, streamLedgerJson } from '#app/modules/votes/ledger-export.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** The sealed ledger of a published ballot, streamed as a JSON array of entries. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const ballot = await publishedBallot(id);
  if (!ballot) return Response.json({ error: { code: 'not_found', message: `Ballot ${id} has no published ledger` } }, { status: 404 });
  return new Response(streamLedgerJson(id), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', ETag: `"ledger-json-${id}-${ballot.chainHead}"`, 'Access-Control-Allow-Origin': '*' },
  });
}
