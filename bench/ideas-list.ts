// `npm run bench:ideas [-- --ideas N] [--samples N] [--keep]`: loads N generated ideas (default 100,000) into one
// project, then times the project page's list queries three ways in the same run, for the same queries:
//   a) bare SQL: the exact statement listIdeas() / findSimilarIdeas() send (rendered by drizzle's dialect), on the
//      postgres client as the database owner, unprepared;
//   b) the app's listIdeas() / findSimilarIdeas() (drizzle, the app's pool acting as vmeste_app);
//   c) the real page over HTTP: GET /projects/<slug>?… (server-rendered HTML) or /projects/<slug>/similar?title=…
// Cases: each sort's first page, a tag filter, a text search, a deep page (a cursor 10,000 ideas down) and the
// similar-ideas lookup (also d: ADR 052's lookup, the design before ADR 067, bare). Prints p50/p95 of each and the ratios b/a, c/a. See bench/README.md.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { migrate } from '../scripts/setup.mjs';
import { flag, intOption, log, openBenchSession, printTable } from './harness';

const ideaCount = intOption('ideas', 100_000);
const samples = Math.max(1, intOption('samples', 200));
const warmup = intOption('warmup', 20);
const webPort = intOption('port', 3948);
const keep = flag('keep');

const bench = openBenchSession({ keep });
const { databaseUrl, redisUrl, benchEnv, owner } = bench;
const dialect = new PgDialect({ casing: 'snake_case' });
const slug = 'bench-ideas';

type Query = { sort: 'new' | 'supported' | 'discussed'; tag?: string; q?: string; after?: string };
type Case = { name: string; query?: Query; similar?: string; expected: number };

/** N ideas in one statement, deterministic (setseed): titles from word lists, tags, skewed supports and comments. */
async function loadIdeas(projectId: number) {
  const t0 = performance.now();
  await owner.begin(async (tx) => {
    await tx`SELECT setseed(0.2026)`;
    await tx`
      INSERT INTO ideas (project_id, title, body, tags, support_count, comment_count, created_at, updated_at, moderated_at)
      SELECT ${projectId},
        w1[1 + floor(random() * array_length(w1, 1))::int] || ' ' || w2[1 + floor(random() * array_length(w2, 1))::int] || ' ' || w3[1 + floor(random() * array_length(w3, 1))::int] || ' ' || i,
        'Idea ' || i || ': ' || w2[1 + floor(random() * array_length(w2, 1))::int] || ' near ' || w3[1 + floor(random() * array_length(w3, 1))::int] || ' so that residents can use it all year.',
        ARRAY[tg[1 + floor(random() * array_length(tg, 1))::int]] || CASE WHEN random() < 0.3 THEN ARRAY[tg[1 + floor(random() * array_length(tg, 1))::int]] ELSE '{}' END,
        floor(power(random(), 4) * 2000)::int, floor(power(random(), 3) * 120)::int,
        now() - make_interval(secs => i * 300 + floor(random() * 60)), now(), now()
      FROM generate_series(1, ${ideaCount}) i,
        (SELECT ARRAY['ramp', 'bench', 'queue', 'lift', 'shelter', 'fountain', 'lights', 'playground', 'crossing', 'toilets', 'parking', 'trees'] AS w1,
                ARRAY['near', 'for', 'at', 'beside', 'behind', 'opposite'] AS w2,
                ARRAY['clinic', 'school', 'park', 'station', 'market', 'library', 'stadium', 'pond', 'bridge', 'square', 'river', 'yard'] AS w3,
                ARRAY['access', 'comfort', 'safety', 'children', 'elderly', 'transport', 'greenery', 'sport', 'health', 'culture', 'water', 'winter'] AS tg) words`;
  });
  const loaded = performance.now() - t0;
  await owner`ANALYZE ideas`;
  log(`inserted ${ideaCount.toLocaleString('en')} ideas in ${(loaded / 1000).toFixed(1)} s (${Math.round(ideaCount / (loaded / 1000)).toLocaleString('en')} rows/s, all indexes in place)`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function main() {
  log(`Postgres ${databaseUrl.replace(/\/\/[^@]*@/, '//')}, Redis ${redisUrl}; ${cpus().length} CPU(s), Node ${process.version}`);
  migrate(benchEnv);
  const { seedDemoCity } = await import('#db/seed/index');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  const { ideaListStatement, listIdeas, findSimilarIdeas, rankSimilarIdeas, rankSimilarIdeasByThresholds, similarIdeasStatement, similarIdeasUncappedStatement, similarLookupSetsThreshold } = await import('#app/modules/ideas/queries.server');
  bench.state.closeApp = closeConnections;
  log(`demo city: ${await seedDemoCity()}`);

  await owner`DELETE FROM projects WHERE slug = ${slug}`;
  const [project] = await owner<{ id: number }[]>`
    INSERT INTO projects (slug, title_ru, title_en, description_ru, description_en) VALUES (${slug}, 'Бенчмарк', 'Benchmark', 'Проект для бенчмарка', 'A project for the benchmark') RETURNING id`;
  const projectId = project!.id;
  await loadIdeas(projectId);

  // The deep page: the cursor of the 10,000th newest idea.
  const [deep] = await owner<{ cursor: string }[]>`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '_' || id AS cursor
    FROM ideas WHERE project_id = ${projectId} ORDER BY created_at DESC, id DESC OFFSET 9999 LIMIT 1`;
  const [matches] = await owner<{ tag: number; q: number }[]>`
    SELECT count(*) FILTER (WHERE tags @> ARRAY['elderly'])::int AS tag, count(*) FILTER (WHERE search @@ websearch_to_tsquery('simple', 'fountain pond'))::int AS q
    FROM ideas WHERE project_id = ${projectId}`;
  log(`tag "elderly" matches ${matches!.tag.toLocaleString('en')} ideas; search "fountain pond" matches ${matches!.q.toLocaleString('en')}`);

  const cases: Case[] = [
    { name: 'newest, page 1', query: { sort: 'new' }, expected: 20 },
    { name: 'most supported, page 1', query: { sort: 'supported' }, expected: 20 },
    { name: 'most discussed, page 1', query: { sort: 'discussed' }, expected: 20 },
    { name: 'tag filter (newest)', query: { sort: 'new', tag: 'elderly' }, expected: 20 },
    { name: 'text search (most supported)', query: { sort: 'supported', q: 'fountain pond' }, expected: 20 },
    { name: 'deep page (10,000 down)', query: { sort: 'new', after: deep!.cursor }, expected: 20 },
    { name: 'similar ideas (typing a title)', similar: 'fountain near the pond', expected: 5 },
  ];

  // Same answers as every match ranked (the statement before the candidate cap) on a fixed set of titles.
  const fixedTitles = [
    'fountain near the pond', 'bench for the school', 'lights at the station', 'ramp beside the clinic', 'trees behind the market',
    'toilets opposite the library', 'a new playground in the yard', 'crossing near school', 'parking at the stadium', 'shelter by the river',
    'lift for the bridge', 'queue at the clinic', 'fountain 123', 'winter lights square', 'more trees please',
  ];
  const answer = async (statement: SQL | null) => {
    const { sql: text, params } = dialect.sqlToQuery(statement!);
    return (await owner.unsafe<{ id: number }[]>(text, params as never[], { prepare: false })).map((r) => r.id).join(',');
  };
  // A lookup with its very statements, bare on the owner's client, in one transaction: the app's (title keys, ADR
  // 067) or ADR 052's (thresholds, then the words). `statements` counts how many each answer took, per way.
  const statements: Record<'keys' | 'thresholds', number[]> = { keys: [], thresholds: [] };
  // As findSimilarIdeas(): in a transaction only when the lookup sets pg_trgm's threshold (ADR 052's always does).
  const bareLookup = async (way: 'keys' | 'thresholds', title: string) => {
    let sent = 0;
    const lookup = way === 'keys' ? rankSimilarIdeas : rankSimilarIdeasByThresholds;
    const on = (client: typeof owner) => (statement: SQL) => {
      sent++;
      const { sql: text, params } = dialect.sqlToQuery(statement);
      return client.unsafe(text, params as never[], { prepare: false }) as never;
    };
    const found = way === 'keys' && !similarLookupSetsThreshold(title) ? await lookup(projectId, title, undefined, on(owner)) : await owner.begin((tx) => lookup(projectId, title, undefined, on(tx as never)));
    statements[way].push(sent);
    return found;
  };
  const bareSimilar = (title: string) => bareLookup('keys', title);
  let same = 0;
  let sameThresholds = 0;
  for (const title of fixedTitles) {
    const before = await answer(similarIdeasUncappedStatement(projectId, title));
    const [capped, thresholds, now] = [await answer(similarIdeasStatement(projectId, title)), (await bareLookup('thresholds', title)).map((r) => r.id).join(','), (await bareSimilar(title)).map((r) => r.id).join(',')];
    if (before !== capped) log(`similar ideas for "${title}": every match ranked gives ${before}, the capped candidate sets alone ${capped}`);
    if (before === thresholds) sameThresholds++;
    else log(`similar ideas for "${title}": every match ranked gives ${before}, ADR 052's thresholds ${thresholds}`);
    if (before === now) same++;
    else log(`similar ideas for "${title}": every match ranked gives ${before}, the lookup ${now}`);
  }
  const spread = (xs: number[]) => `${Math.min(...xs)}–${Math.max(...xs)}`;
  log(`similar ideas, same answers as every match ranked: now (title keys) ${same} of ${fixedTitles.length} fixed titles, ADR 052's thresholds ${sameThresholds}; statements per lookup: now ${spread(statements.keys)}, ADR 052 ${spread(statements.thresholds)}`);
  if (same !== fixedTitles.length) process.exitCode = 1;
  // Every fixed title, four ways in turn, bare: every match ranked (before issue 15), the capped candidate sets
  // alone (ADR 040's statement), the thresholds (ADR 052), the lookup now (title keys, ADR 067).
  const ways = {
    uncapped: (title: string) => answer(similarIdeasUncappedStatement(projectId, title)),
    capped: (title: string) => answer(similarIdeasStatement(projectId, title)),
    thresholds: (title: string) => bareLookup('thresholds', title),
    now: (title: string) => bareSimilar(title),
  };
  const fixedMs: Record<keyof typeof ways, number[]> = { uncapped: [], capped: [], thresholds: [], now: [] };
  const fixedRounds = Math.max(2, Math.min(10, Math.ceil(samples / 20)));
  for (let round = 0; round < 1 + fixedRounds; round++) {
    for (const title of fixedTitles) {
      for (const way of Object.keys(ways) as (keyof typeof ways)[]) {
        const t0 = performance.now();
        await ways[way](title);
        if (round > 0) fixedMs[way].push(performance.now() - t0);
      }
    }
  }
  for (const xs of Object.values(fixedMs)) xs.sort((x, y) => x - y);

  const bare = (c: Case) => async () => {
    if (!c.query) return (await bareSimilar(c.similar!)).length;
    const statement = ideaListStatement(projectId, { ...c.query, limit: 20 });
    const { sql: text, params } = dialect.sqlToQuery(statement);
    const rows = await owner.unsafe(text, params as never[], { prepare: false });
    return Math.min(rows.length, 20);
  };
  const app = (c: Case) => async () => (c.query ? (await listIdeas(projectId, c.query)).items.length : (await findSimilarIdeas(projectId, c.similar!)).length);
  const http = (c: Case) => async () => {
    const url = c.query
      ? `http://127.0.0.1:${webPort}/projects/${slug}?${new URLSearchParams(Object.entries(c.query).filter((e): e is [string, string] => !!e[1]))}`
      : `http://127.0.0.1:${webPort}/projects/${slug}/similar?${new URLSearchParams({ title: c.similar! })}`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url} → ${res.status}`);
    if (!c.query) return ((await res.json()) as { similar: unknown[] }).similar.length;
    const html = await res.text();
    return (html.match(/<li><a [^>]*href="\/ideas\/\d+"/g) ?? []).length;
  };

  await bench.startWeb(webPort, `/projects/${slug}`);
  // The similar-ideas case also times d) ADR 052's lookup bare, the previous design, interleaved with the others.
  const adr052 = (c: Case) => async () => (await bareLookup('thresholds', c.similar!)).length;
  const rows: { c: Case; t: Record<'a' | 'b' | 'c' | 'd', { p50: number; p95: number }> }[] = [];
  for (const c of cases) {
    const ways = { a: bare(c), b: app(c), c: http(c), d: adr052(c) };
    const ms: Record<'a' | 'b' | 'c' | 'd', number[]> = { a: [], b: [], c: [], d: [] };
    const keys = c.similar ? (['a', 'b', 'c', 'd'] as const) : (['a', 'b', 'c'] as const);
    for (let i = 0; i < warmup + samples; i++) {
      for (let k = 0; k < keys.length; k++) {
        const key = keys[(i + k) % keys.length]!;
        const t0 = performance.now();
        const n = await ways[key]();
        const took = performance.now() - t0;
        if (n !== c.expected) throw new Error(`${key}) ${c.name}: ${n} rows, expected ${c.expected}`);
        if (i >= warmup) ms[key].push(took);
      }
    }
    const stat = (xs: number[]) => {
      const sorted = [...xs].sort((x, y) => x - y);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    };
    rows.push({ c, t: { a: stat(ms.a), b: stat(ms.b), c: stat(ms.c), d: stat(ms.d.length ? ms.d : [0]) } });
  }

  const f = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
  const r = (x: number) => `${x.toFixed(2)}×`;
  console.log(`\nIdeas list timings, ${ideaCount.toLocaleString('en')} ideas in one project, ms, ${samples} samples each (a = bare SQL, b = the app's query function, c = the page over HTTP):\n`);
  const header = ['case', 'a) SQL p50', 'a) p95', 'b) app p50', 'b) p95', 'c) HTTP p50', 'c) p95', 'b/a p95', 'c/a p95'];
  const body = rows.map(({ c, t }) => [c.name, f(t.a.p50), f(t.a.p95), f(t.b.p50), f(t.b.p95), f(t.c.p50), f(t.c.p95), r(t.b.p95 / t.a.p95), r(t.c.p95 / t.a.p95)]);
  printTable(header, body);
  const similar = rows.find((row) => row.c.similar)!.t;
  const both = (xs: number[]) => `${f(percentile(xs, 50))} / ${f(percentile(xs, 95))}`;
  console.log(`\nSimilar ideas for "fountain near the pond", ms p50 / p95: now (title keys) bare ${f(similar.a.p50)} / ${f(similar.a.p95)}, the app ${f(similar.b.p50)} / ${f(similar.b.p95)}, HTTP ${f(similar.c.p50)} / ${f(similar.c.p95)}; before (ADR 052's thresholds) bare ${f(similar.d.p50)} / ${f(similar.d.p95)} = now ${r(similar.a.p95 / similar.d.p95)} its p95 (goal: p95 ≤ 25 ms)`);
  console.log(`Similar ideas over the ${fixedTitles.length} fixed titles, bare SQL, ${fixedRounds} rounds, ms p50 / p95: every match ranked (before issue 15) ${both(fixedMs.uncapped)}; the capped candidate sets alone (ADR 040) ${both(fixedMs.capped)}; ADR 052's thresholds ${both(fixedMs.thresholds)}; now (title keys, ADR 067) ${both(fixedMs.now)} = ${r(percentile(fixedMs.now, 95) / percentile(fixedMs.thresholds, 95))} the thresholds' p95; same answers on ${same} of ${fixedTitles.length} fixed titles`);
}

await bench.runMain(main);
