import { onReplica, replicaProbeSql, replicaSql } from './db.server';
import { env } from './env.server';
import { isDatabaseUnavailable } from './unavailable.server';

// When to use the hot standby for a public read (ADR 051): it is up, no further behind than
// DATABASE_REPLICA_MAX_LAG_MS, and it has replayed past the reader's own last write (the vmeste_wrote cookie that
// scripts/serve.mjs sets on every successful POST, PUT, PATCH or DELETE while a replica is configured).

export const recentWriteCookie = 'vmeste_wrote';
// How often a web process asks the standby how far it is (every public read in between uses the answer).
const checkEveryMs = 1_000;

export type ReplicaState =
  | { state: 'up'; lagMs: number; replayedAt: number | null }
  | { state: 'lagging'; lagMs: number | null; replayedAt: number | null }
  | { state: 'down'; error: string };

let known: { status: ReplicaState; checkedAt: number } | null = null;
let checking: Promise<ReplicaState> | null = null;

async function askReplica(): Promise<ReplicaState> {
  const probe = replicaProbeSql();
  if (!probe) return { state: 'down', error: 'not configured' };
  try {
    // Caught up (all WAL it received is replayed) means no lag, however long ago the last commit was; otherwise the
    // lag is the age of the last transaction it replayed. Asked on a connection of its own: behind the reads' pool it
    // would wait for their queue, and a busy standby would look like a dead one (ADR 066).
    const ask = probe<{ standby: boolean; replayedAt: number | null; caughtUp: boolean | null; now: number }[]>`
      select pg_is_in_recovery() as standby,
        (extract(epoch from pg_last_xact_replay_timestamp()) * 1000)::float8 as "replayedAt",
        pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() as "caughtUp",
        (extract(epoch from clock_timestamp()) * 1000)::float8 as now`;
    // A standby that does not answer within a second is as good as down for a reader waiting on it; the query's own
    // failure, later, must not go unhandled (it would end the process).
    ask.catch(() => {});
    const [row] = await Promise.race([ask, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 1 s')), 1_000).unref())]);
    if (!row?.standby) return { state: 'down', error: 'not a standby (promoted?): reads stay on the primary' };
    const lagMs = row.caughtUp ? 0 : row.replayedAt === null ? null : Math.max(0, Math.round(row.now - row.replayedAt));
    if (lagMs === null || lagMs > env.DATABASE_REPLICA_MAX_LAG_MS) return { state: 'lagging', lagMs, replayedAt: row.replayedAt };
    return { state: 'up', lagMs, replayedAt: row.replayedAt };
  } catch (error) {
    return { state: 'down', error: (error as Error).message };
  }
}

/**
 * The standby's state as this process last saw it, asked again when older than a second. Only the first read waits
 * for the answer; later ones take the last answer while the next is asked (ADR 066): with the standby stopped, every
 * read waited for a probe that could not answer for up to a second, every other second.
 */
export async function replicaState(): Promise<ReplicaState> {
  if (known && Date.now() - known.checkedAt < checkEveryMs) return known.status;
  checking ??= askReplica().then((status) => {
    remember(status);
    checking = null;
    return status;
  });
  return known ? known.status : checking;
}

// The reads running on the standby now, each told when it is found down (ADR 069).
const waitingOnReplica = new Set<() => void>();

function remember(status: ReplicaState) {
  known = { status, checkedAt: Date.now() };
  if (status.state === 'down') for (const giveUp of waitingOnReplica) giveUp();
}

function markDown(error: unknown) {
  remember({ state: 'down', error: (error as Error).message });
}

const foundDown = Symbol('replica found down');

/**
 * A read on the standby that gives up as soon as the standby is found down — by a connection error of another read,
 * or by the probe, asked again every second while the read waits — and then runs on the primary. Without it, a read
 * sent to a standby that had just died (or froze: a host gone without closing its sockets) waited for PgBouncer's
 * query_wait_timeout (5 s), or for ever on a connection whose server stopped answering, whatever the probe said.
 */
async function onReplicaUntilDown<T>(read: () => Promise<T>): Promise<T> {
  const onStandby = onReplica(read);
  let giveUp = () => {};
  const down = new Promise<typeof foundDown>((resolve) => (giveUp = () => resolve(foundDown)));
  waitingOnReplica.add(giveUp);
  const reask = setInterval(() => void replicaState(), checkEveryMs);
  reask.unref();
  try {
    const first = await Promise.race([onStandby, down]);
    if (first !== foundDown) return first;
    // Abandoned: whatever the standby answers later (or the error it ends with) goes nowhere.
    onStandby.catch(() => {});
    return await read();
  } finally {
    waitingOnReplica.delete(giveUp);
    clearInterval(reask);
  }
}

/** When this reader last wrote (ms since the epoch), from the cookie; null when they have not lately. */
function lastWriteOf(request: Request): number | null {
  const match = new RegExp(`(?:^|;\\s*)${recentWriteCookie}=(\\d{1,15})(?:;|$)`).exec(request.headers.get('Cookie') ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * Runs a public read on the replica when it is fit for this reader, else on the primary. A replica that fails
 * during the read (stopped, restarting, promoted) is marked down and the read runs again on the primary, as does a
 * read still waiting when the replica is found down: a reader never sees an error the primary could have answered.
 */
export async function readFromReplica<T>(request: Request, read: () => Promise<T>): Promise<T> {
  if (!replicaSql) return read();
  const status = await replicaState();
  if (status.state !== 'up') return read();
  const wroteAt = lastWriteOf(request);
  // WAL is replayed in commit order: once the standby has replayed a commit made after the write, it has the write.
  if (wroteAt !== null && (status.replayedAt === null || status.replayedAt < wroteAt)) return read();
  try {
    return await onReplicaUntilDown(read);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    markDown(error);
    return read();
  }
}
