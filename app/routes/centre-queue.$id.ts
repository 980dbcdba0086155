import type { LoaderFunctionArgs } from '@remix-run/node';
import { listenToQueue } from '#app/modules/centres/queue-live.server';
import { queueScreen, type QueueScreen } from '#app/modules/centres/queue.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** Server-Sent Events for a centre's screen: the queue now, then at each change, and a comment every 15 s for proxies. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const first = await queueScreen(id);
  if (!first) return new Response('Not found', { status: 404 });
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (screen: QueueScreen) => {
        try {
          controller.enqueue(encoder.encode(`event: queue\ndata: ${JSON.stringify(screen)}\n\n`));
        } catch {
          stop();
        }
      };
      const unlisten = listenToQueue(id, send);
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
      send(first);
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } });
}
