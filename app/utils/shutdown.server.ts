import { replicaSql, sql } from './db.server';

/** Closes this process's Postgres pool and Redis connection (scripts and tests end cleanly). */
export async function closeConnections(): Promise<void> {
  globalThis.__vmesteRedis?.disconnect();
  globalThis.__vmesteRedis = undefined;
  const probes = [globalThis.__vmesteHealthSql, globalThis.__vmesteReplicaProbeSql];
  globalThis.__vmesteHealthSql = globalThis.__vmesteReplicaProbeSql = undefined;
  await Promise.all([sql.end({ timeout: 5 }), replicaSql?.end({ timeout: 5 }), ...probes.map((probe) => probe?.end({ timeout: 5 }))]);
}
