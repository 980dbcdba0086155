import type { LoaderFunctionArgs } from '@remix-run/node';
import { currentTally, listenToTally, type LiveTally } from '#app/modules/votes/live.server';
import { getBallot } from '#app/modules/votes/queries.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** Server-Sent Events: the tally now, then each change (coalesced), and a comment every 15 s to keep proxies open. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const ballot = await getBallot(id);
  if (!ballot || ballot.status !== 'open' || ballot.hideResultsUntilClose) return new Response('No live results for this ballot', { status: 404 });
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (tally: LiveTally) => {
        try {
          controller.enqueue(encoder.encode(`event: tally\ndata: ${JSON.stringify(tally)}\n\n`));
        } catch {
          stop();
        }
      };
      const unlisten = listenToTally(id, send);
      const heartbeat = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(': keep-alive\n\n'));
        } catch {
          stop();
        }
      }, 15_000);
      stop = () => {
        unlisten();
        clearInterval(heartbeat);
      };
      request.signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      controller.enqueue(encoder.encode('retry: 2000\n\n'));
      send(await currentTally(id));
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } });
}
