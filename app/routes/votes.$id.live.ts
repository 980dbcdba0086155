import type { LoaderFunctionArgs } from '@remix-run/node';
import { currentTally, listenToTally } from '#app/modules/votes/live.server';
import { getBallot } from '#app/modules/votes/queries.server';
import { eventStream } from '#app/utils/live.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** Server-Sent Events: the tally now, then each change (coalesced). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const ballot = await getBallot(id);
  if (!ballot || ballot.status !== 'open' || ballot.hideResultsUntilClose) return new Response('No live results for this ballot', { status: 404 });
  return eventStream(request, 'tally', () => currentTally(id), (send) => listenToTally(id, send));
}
