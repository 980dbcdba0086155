// Live tallies: a cast publishes the ballot's id on Redis after commit; each web process hears it on its one live
// subscriber (app/utils/live.server.ts) and pushes the summed shards to its Server-Sent Events listeners, read at
// most once per interval per ballot however many browsers listen.
import { closeLiveChannels, LiveListeners, onLiveChannel } from '#app/utils/live.server';
import { keyPrefix, producerRedis, withinRedisTimeout } from '#app/utils/redis.server';
import { shardTally } from './queries.server';

export const tallyChannel = `${keyPrefix()}:votes:tally`;
/** How often at most a process re-reads one ballot's tally for its listeners, and publishes one ballot's change. */
const refreshMs = 250;

/** `at`: when the tally was read; `sent` (pushed events only): when this process began writing the event to its pages. */
export type LiveTally = { votes: Record<number, number>; at: number; sent?: number };
type LiveState = {
  listeners: LiveListeners<LiveTally>;
  cache: Map<number, { at: number; value: Promise<LiveTally> }>;
  pending: Map<number, NodeJS.Timeout>;
  published: Map<number, number>;
  trailing: Map<number, NodeJS.Timeout>;
};
declare global {
  var __vmesteVotesLive: LiveState | undefined;
}
const state: LiveState = (globalThis.__vmesteVotesLive ??= { listeners: new LiveListeners(), cache: new Map(), pending: new Map(), published: new Map(), trailing: new Map() });

/** The tally of a ballot, shared by every listener and request of this process for `refreshMs`. */
export function currentTally(ballotId: number, fresh = false): Promise<LiveTally> {
  const hit = state.cache.get(ballotId);
  if (!fresh && hit && Date.now() - hit.at < refreshMs) return hit.value;
  const value = shardTally(ballotId).then((votes) => ({ votes, at: Date.now() }));
  state.cache.set(ballotId, { at: Date.now(), value });
  value.catch(() => state.cache.delete(ballotId));
  return value;
}

function publishNow(ballotId: number) {
  state.published.set(ballotId, Date.now());
  // Redis down: the vote is counted in Postgres; live pages catch up with the next message.
  withinRedisTimeout(producerRedis().publish(tallyChannel, String(ballotId)), 500).catch(() => {});
}

/**
 * After a cast commits: tell every web process, at most once per ballot per `refreshMs` from this process (the
 * first change at once, a burst's later ones as one message at the end of the interval), and without making the
 * request wait for Redis. A lost message only delays the display until the next one.
 */
export function publishTallyChange(ballotId: number): void {
  if (state.trailing.has(ballotId)) return;
  const since = Date.now() - (state.published.get(ballotId) ?? 0);
  if (since >= refreshMs) return publishNow(ballotId);
  const timer = setTimeout(() => {
    state.trailing.delete(ballotId);
    publishNow(ballotId);
  }, refreshMs - since);
  timer.unref();
  state.trailing.set(ballotId, timer);
}

function onMessage(ballotId: number) {
  if (!state.listeners.has(ballotId) || state.pending.has(ballotId)) return;
  // Coalesce a burst of casts into one read and one push per interval.
  const since = Date.now() - (state.cache.get(ballotId)?.at ?? 0);
  const timer = setTimeout(() => {
    state.pending.delete(ballotId);
    currentTally(ballotId, true)
      .then((tally) => state.listeners.send(ballotId, { ...tally, sent: Date.now() }))
      .catch((error: Error) => console.warn(`[votes] live tally of ballot ${ballotId}: ${error.message}`));
  }, Math.max(0, refreshMs - since));
  state.pending.set(ballotId, timer);
}

/** Listens to a ballot's tally; returns the function that stops listening. */
export function listenToTally(ballotId: number, listener: (tally: LiveTally) => void): () => void {
  onLiveChannel(tallyChannel, onMessage);
  return state.listeners.add(ballotId, listener);
}

/** Closes the subscriber (tests and shutdown). */
export async function closeLive(): Promise<void> {
  for (const timer of state.pending.values()) clearTimeout(timer);
  state.pending.clear();
  for (const timer of state.trailing.values()) clearTimeout(timer);
  state.trailing.clear();
  state.listeners.clear();
  closeLiveChannels();
}
