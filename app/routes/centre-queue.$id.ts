import type { LoaderFunctionArgs } from '@remix-run/node';
import { listenToQueue } from '#app/modules/centres/queue-live.server';
import { queueScreen } from '#app/modules/centres/queue.server';
import { eventStream } from '#app/utils/live.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** Server-Sent Events for a centre's screen: the queue now, then at each change. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const first = await queueScreen(id);
  if (!first) return new Response('Not found', { status: 404 });
  return eventStream(request, 'queue', async () => first, (send) => listenToQueue(id, send));
}
