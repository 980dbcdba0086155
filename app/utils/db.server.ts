import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '#db/schema/index';
import { env } from './env.server';

declare global {
  var __vmesteSql: postgres.Sql | undefined;
  var __vmesteSocketGuard: boolean | undefined;
}

// One pool per process (kept across dev reloads). DATABASE_URL logs in as the app's own role, which has data rights
// only (no DDL, no UPDATE/DELETE on the audit log and the ledgers) and no owner to RESET ROLE back to.
export const sql =
  globalThis.__vmesteSql ??
  postgres(env.DATABASE_URL, {
    max: env.DATABASE_POOL_MAX,
    connect_timeout: 5,
    onnotice: () => {},
  });
globalThis.__vmesteSql = sql;

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
    console.error(error);
    process.exit(1);
  });
}

export const db = drizzle(sql, { schema, casing: 'snake_case' });
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
