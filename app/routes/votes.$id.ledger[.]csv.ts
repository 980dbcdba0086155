import type { LoaderFunctionArgs } from '@remix-run/node';
import { publishedBallot, streamLedgerCsv } from '#app/modules/votes/ledger-export.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** The sealed ledger of a published ballot, streamed as CSV (columns in docs/ballot-ledger.md). */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const ballot = await publishedBallot(id);
  if (!ballot) return Response.json({ error: { code: 'not_found', message: `Ballot ${id} has no published ledger` } }, { status: 404 });
  return new Response(streamLedgerCsv(id), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="ballot-${id}-ledger.csv"`, ETag: `"ledger-${id}-${ballot.chainHead}"`, 'Access-Control-Allow-Origin': '*' },
  });
}
