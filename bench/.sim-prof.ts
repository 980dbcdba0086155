import postgres from 'postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { performance } from 'node:perf_hooks';
const { rankSimilarIdeas } = await import('#app/modules/ideas/queries.server');
const owner = postgres('postgres://vmeste:vmeste@127.0.0.1:54355/vmeste_bench', { max: 1, prepare: false, onnotice: () => {} });
const dialect = new PgDialect({ casing: 'snake_case' });
for (const t of process.argv.slice(2)) for (let i = 0; i < 3; i++) {
  const times: string[] = [];
  await owner.begin(async (tx) => {
    await rankSimilarIdeas(1, t, undefined, async (st) => { const { sql, params } = dialect.sqlToQuery(st); const t0 = performance.now(); const r = await tx.unsafe(sql, params as never[], { prepare: false }); times.push(`${(performance.now() - t0).toFixed(1)}ms/${r.length}r`); if (i === 2 && process.env.EXPLAIN) console.log((await tx.unsafe('EXPLAIN (ANALYZE, BUFFERS) ' + sql, params as never[])).map((x: any) => x['QUERY PLAN']).join('\n')); return r as never; });
  });
  console.log(t, times.join(' '));
}
await owner.end();
