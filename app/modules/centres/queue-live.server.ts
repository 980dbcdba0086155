// The centre screens' live feed: a queue change publishes the centre's id on Redis after commit; each web process
// hears it on its one live subscriber (app/utils/live.server.ts) and re-reads a centre's screen once per change for
// all its listeners.
import { LiveListeners, onLiveChannel } from '#app/utils/live.server';
import { queueChannel, queueScreen, type QueueScreen } from './queue.server';

declare global {
  var __vmesteQueueListeners: LiveListeners<QueueScreen> | undefined;
}
const listeners = (globalThis.__vmesteQueueListeners ??= new LiveListeners<QueueScreen>());

function onMessage(centreId: number) {
  if (!listeners.has(centreId)) return;
  queueScreen(centreId)
    .then((screen) => {
      if (screen) listeners.send(centreId, screen);
    })
    .catch((error: Error) => console.warn(`[centres] queue screen of centre ${centreId}: ${error.message}`));
}

/** Listens to a centre's queue; returns the function that stops listening. */
export function listenToQueue(centreId: number, listener: (screen: QueueScreen) => void): () => void {
  onLiveChannel(queueChannel, onMessage);
  return listeners.add(centreId, listener);
}
