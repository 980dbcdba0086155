import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '#db/schema/index';
import { env } from './env.server';

declare global {
  var __vmesteSql: postgres.Sql | undefined;
}

// One pool per process (kept across dev reloads). Every connection acts as the app role, which has
// data rights only (no DDL, no UPDATE/DELETE on the audit log).
export const sql =
  globalThis.__vmesteSql ??
  postgres(env.DATABASE_URL, {
    max: 10,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { options: `-c role=${env.DATABASE_APP_ROLE}` },
  });
globalThis.__vmesteSql = sql;

export const db = drizzle(sql, { schema, casing: 'snake_case' });
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
