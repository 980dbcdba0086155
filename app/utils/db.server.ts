import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '#db/schema/index';
import { env } from './env.server';
import { isDatabaseUnavailable } from './unavailable.server';

declare global {
  var __vmesteSql: postgres.Sql | undefined;
  var __vmesteReplicaSql: postgres.Sql | null | undefined;
  var __vmesteHealthSql: postgres.Sql | undefined;
  var __vmesteReplicaProbeSql: postgres.Sql | undefined;
  var __vmesteSocketGuard: boolean | undefined;
}

// Behind PgBouncer in transaction mode a prepared statement would be looked for on another server connection (ADR 051).
const prepare = env.DATABASE_PREPARE === 'true';
// …and a query pipelined behind another on one client connection is lost: PgBouncer 1.18 hands the server back at the
// first query's end (ReadyForQuery) though the second was already sent to it, whose answer then goes nowhere ("got
// packet from server when not linked") and the reader waits until the request's bound (ADR 069). So behind it each
// connection carries one query at a time (max_pipeline 0), the others waiting in the pool's queue.
const pooler = { prepare, max_pipeline: prepare ? 100 : 0 };

// One pool per process (kept across dev reloads). DATABASE_URL logs in as the app's own role, which has data rights
// only (no DDL, no UPDATE/DELETE on the audit log and the ledgers) and no owner to RESET ROLE back to.
export const primarySql =
  globalThis.__vmesteSql ??
  postgres(env.DATABASE_URL, {
    max: env.DATABASE_POOL_MAX,
    connect_timeout: 5,
    ...pooler,
    onnotice: () => {},
  });
globalThis.__vmesteSql = primarySql;

/** The hot standby's pool when DATABASE_REPLICA_URL is set (read-only; read-replica.server.ts decides when it is used). */
export const replicaSql: postgres.Sql | null =
  globalThis.__vmesteReplicaSql !== undefined
    ? globalThis.__vmesteReplicaSql
    : env.DATABASE_REPLICA_URL
      ? postgres(env.DATABASE_REPLICA_URL, { max: 10, connect_timeout: 2, ...pooler, onnotice: () => {} })
      : null;
globalThis.__vmesteReplicaSql = replicaSql;

/**
 * The primary as /healthz asks it: one connection of its own, made on first use. Through the request pool the probe
 * queued behind every read waiting for a connection: with the standby stopped under load (all reads on the primary)
 * that queue outlasted the probe's bound, every web process said "postgres down", and HAProxy took them all out
 * (ADR 066). The question is whether Postgres answers this process, not how long its pool's queue is.
 */
export function healthSql(): postgres.Sql {
  globalThis.__vmesteHealthSql ??= postgres(env.DATABASE_URL, probeOptions);
  return globalThis.__vmesteHealthSql;
}

/** The standby as read-replica.server.ts asks it how far it is: one connection of its own too, for the same reason. */
export function replicaProbeSql(): postgres.Sql | null {
  if (!env.DATABASE_REPLICA_URL) return null;
  globalThis.__vmesteReplicaProbeSql ??= postgres(env.DATABASE_REPLICA_URL, probeOptions);
  return globalThis.__vmesteReplicaProbeSql;
}

const probeOptions = { max: 1, connect_timeout: 2, idle_timeout: 60, ...pooler, onnotice: () => {} };

// Inside onReplica(…) every query of that call goes to the standby; everywhere else to the primary.
const replicaScope = new AsyncLocalStorage<true>();

/** Runs a read (and only a read: the standby refuses writes) with `db` and `sql` pointing at the replica. */
export function onReplica<T>(read: () => Promise<T>): Promise<T> {
  return replicaSql ? replicaScope.run(true, read) : read();
}

/** The client of the current scope: the replica inside onReplica, the primary elsewhere. */
export const sql: postgres.Sql = new Proxy(primarySql, {
  apply: (_target, thisArg, args) => Reflect.apply(currentSql(), thisArg, args),
  get: (_target, property) => Reflect.get(currentSql(), property),
});

function currentSql(): postgres.Sql {
  return replicaScope.getStore() && replicaSql ? replicaSql : primarySql;
}

/**
 * postgres.js 3.4.9 can write to a connection's socket after it closed when Postgres goes away mid-write (a
 * TypeError thrown from its own timer, outside any query). That one error costs only that connection's query,
 * which fails or times out like the others; it must not take the whole process down. Anything else still
 * ends the process, as Node would.
 */
function isPostgresClosedSocketWrite(error: unknown): boolean {
  return error instanceof TypeError && /reading 'write'/.test(error.message) && /postgres\/src\/connection\.js/.test(error.stack ?? '');
}
if (!globalThis.__vmesteSocketGuard) {
  globalThis.__vmesteSocketGuard = true;
  process.on('uncaughtException', (error) => {
    if (isPostgresClosedSocketWrite(error)) {
      console.error(`[db] a connection closed while writing; its query fails and the pool reconnects (${error.message})`);
      return;
    }
    // A server (a standby, or PgBouncer in front of one) that refused a connection as it went away: its readers fall
    // back to the primary (read-replica.server.ts); it must not take the process down either.
    if (isDatabaseUnavailable(error)) {
      console.error(`[db] a database connection failed outside any request (${(error as Error).message})`);
      return;
    }
    console.error(error);
    process.exit(1);
  });
}

const primaryDb = drizzle(primarySql, { schema, casing: 'snake_case' });
const replicaDb = replicaSql ? drizzle(replicaSql, { schema, casing: 'snake_case' }) : null;

/** drizzle on the current scope's client (see onReplica); the primary's unless a public read asked for the replica. */
export const db: typeof primaryDb = new Proxy(primaryDb, {
  get: (_target, property) => {
    const current = replicaScope.getStore() && replicaDb ? replicaDb : primaryDb;
    const value: unknown = Reflect.get(current, property);
    return typeof value === 'function' ? value.bind(current) : value;
  },
});
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
