// `npm run bench:map [-- --reports N] [--samples N] [--budget S | --full] [--keep]`: loads N generated reports
// (default 1,000,000) with one COPY (which fires the report_map_cells insert trigger once), checks the grid against
// reports, and times the public map's viewport four ways in the same run, for the same viewports:
//   a)  naive SQL over reports: bbox + GROUP BY floor(x / cell), floor(y / cell) (the design before the grid),
//   a2) bare SQL (grid): the statements mapFeatures() sends, on the postgres client, unprepared,
//   b)  the app's mapFeatures() (drizzle, the app's pool acting as vmeste_app),
//   c)  the real HTTP endpoint GET /reports/map.json of the freshly built web server.
// It prints p50/p95 of each and the ratios b/a2, c/a2 (the app's overhead) and a/c. See bench/README.md.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrate } from '../scripts/setup.mjs';
import { flag, intOption, log, openBenchSession, printTable } from './harness';
import { centre, loadReports } from './load-reports';

// ---------------------------------------------------------------------------------------------------------------
// Options


const reportCount = intOption('reports', 1_000_000);
const samples = Math.max(1, intOption('samples', 200));
const warmup = intOption('warmup', 20);
// Seconds for all the timing rounds together. Viewports are timed fastest first; each gets an equal share of what is
// left, so the fast ones get all their samples and the slow (clustered, city-wide) ones as many as fit, but at least
// --min-samples. --full (or --budget 0) takes every viewport to --samples however long that is.
const full = flag('full');
const budgetSeconds = full ? 0 : intOption('budget', 240);
const minSamples = Math.min(samples, Math.max(1, intOption('min-samples', 30)));
const webPort = intOption('port', 3949);
const keep = flag('keep');

// ---------------------------------------------------------------------------------------------------------------
// Services and environment: must be in process.env before any #app module is imported (env.server reads it once).

const bench = openBenchSession({ keep });
const { databaseUrl, redisUrl, benchEnv, owner } = bench;

// ---------------------------------------------------------------------------------------------------------------
// Viewports: a 1280×800 px screen at a given zoom, centred on a point (Web-Mercator degrees per pixel).

type View = { west: number; south: number; east: number; north: number; zoom: number };
function screen(lng: number, lat: number, zoom: number, width = 1280, height = 800): View {
  const degPerPx = 360 / (256 * 2 ** zoom);
  const halfLng = (width / 2) * degPerPx;
  const halfLat = (height / 2) * degPerPx * Math.cos((lat * Math.PI) / 180);
  const r = (v: number) => Number(v.toFixed(6));
  return { west: r(lng - halfLng), south: r(lat - halfLat), east: r(lng + halfLng), north: r(lat + halfLat), zoom };
}

type Case = {
  name: string;
  view: View;
  categoryId?: number;
  /** What the app shows (a2, b and c agree): clusters from the grid, or points. */
  clustered: boolean;
  features: number;
  /** a)'s feature count: its own grid (width / 40), so its cluster count differs; set by its first call. */
  naiveFeatures?: number;
};

// ---------------------------------------------------------------------------------------------------------------
// The four ways of answering a viewport.

const maxPoints = 500;
const publicStatuses = ['arbitration', 'assigned', 'answered', 'closed'];

/**
 * a) naive SQL over reports (the design before report_map_cells, and the previous baseline): one statement straight
 * over the table, bbox + GROUP BY floor(x / cell), floor(y / cell) with cell = width / 40 when the app clusters the
 * viewport, bbox LIMIT 501 when it shows points. No probe.
 */
async function naiveSql(c: Case): Promise<number> {
  const { west, south, east, north } = c.view;
  // A separate statement with and without the category test, as the app's SQL has one or the other.
  const category = c.categoryId ? owner`AND category_id = ${c.categoryId}` : owner``;
  if (!c.clustered) {
    const rows = await owner`
      SELECT id::int AS id, ST_X(location) AS lng, ST_Y(location) AS lat, status, overdue, category_id
      FROM reports
      WHERE location && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326) AND status IN ${owner(publicStatuses)}
        ${category}
      LIMIT ${maxPoints + 1}`;
    return rows.length;
  }
  const cell = Math.max((east - west) / 40, 1e-6);
  const rows = await owner`
    SELECT count(*)::int AS count, avg(ST_X(location)) AS lng, avg(ST_Y(location)) AS lat
    FROM reports
    WHERE location && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326) AND status IN ${owner(publicStatuses)}
      ${category}
    GROUP BY floor(ST_X(location) / ${cell}), floor(ST_Y(location) / ${cell})`;
  return rows.length;
}

type Statement = { text: string; params: (string | number)[] };

/**
 * The statements mapFeatures() sends for a viewport, as text with $n placeholders and their parameters, in the
 * order drizzle numbers them. main() checks them against what the app's pool actually receives, once per viewport.
 */
function gridStatements(c: Case, level: number) {
  const { west, south, east, north } = c.view;
  const size = 360 / 2 ** level;
  const [x0, x1] = [Math.floor(west / size), Math.floor(east / size)];
  // From pointsFirstZoom on, the app names the viewport's columns one by one (cx IN …), one parameter each.
  const listed = c.view.zoom >= pointsFirstFrom && x1 - x0 < columnListMax ? Array.from({ length: x1 - x0 + 1 }, (_, i) => x0 + i) : undefined;
  const cellParams = [level, ...(listed ?? [x0, x1]), Math.floor(south / size), Math.floor(north / size)];
  const filter = (next: number) =>
    `status IN ('arbitration', 'assigned', 'answered', 'closed')` + (c.categoryId ? ` AND category_id = $${next}` : '');
  const extra = c.categoryId ? [c.categoryId] : [];
  const columns = listed ? `cx IN (${listed.map((_, i) => `$${i + 2}`).join(', ')})` : 'cx BETWEEN $2 AND $3';
  const n = cellParams.length;
  const cells = `level = $1 AND ${columns} AND cy BETWEEN $${n - 1} AND $${n} AND ${filter(n + 1)}`;
  const total: Statement = { text: `SELECT coalesce(sum(n), 0)::int AS total FROM report_map_cells WHERE ${cells}`, params: [...cellParams, ...extra] };
  const limit = c.categoryId ? 6 : 5;
  const points: Statement = {
    text:
      `SELECT id::int AS id, ST_X(location) AS lng, ST_Y(location) AS lat, status, overdue, category_id ` +
      `FROM reports WHERE location && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND ${filter(5)} LIMIT $${limit}`,
    params: [west, south, east, north, ...extra, maxPoints + 1],
  };
  const clusters: Statement = {
    text:
      `SELECT sum(n)::int AS count, sum(sum_lng) / sum(n) AS lng, sum(sum_lat) / sum(n) AS lat ` +
      `FROM report_map_cells WHERE ${cells} GROUP BY cx, cy HAVING sum(n) > 0`,
    params: [...cellParams, ...extra],
  };
  return { total, points, clusters };
}

let pointsFirstFrom = Infinity;
let columnListMax = 0;
let levelOf: (zoom: number) => number = () => {
  throw new Error('cellLevel is not loaded yet');
};

const exec = (s: Statement) => owner.unsafe(s.text, s.params, { prepare: false });

/**
 * a2) bare SQL (grid): the app's own plan, statement for statement, on the postgres client (owner, unprepared):
 * sum(n) over the viewport's cells (skipped from zoom 15 on); ≤ 500 → the points from reports (GiST bbox, LIMIT 501); else (or if 501 came
 * back) GROUP BY cx, cy over report_map_cells. The raw cost of the app's queries, without drizzle, pool or HTTP.
 */
async function gridSql(c: Case): Promise<number> {
  const s = gridStatements(c, levelOf(c.view.zoom));
  const [{ total } = { total: 0 }] = c.view.zoom >= pointsFirstFrom ? [] : ((await exec(s.total)) as unknown as { total: number }[]);
  if (total <= maxPoints) {
    const points = await exec(s.points);
    if (points.length <= maxPoints) return points.length;
  }
  return (await exec(s.clusters)).length;
}

function endpointUrl(c: Case): string {
  const q = new URLSearchParams({ west: String(c.view.west), south: String(c.view.south), east: String(c.view.east), north: String(c.view.north), zoom: String(c.view.zoom) });
  if (c.categoryId) q.set('category', String(c.categoryId));
  return `http://127.0.0.1:${webPort}/reports/map.json?${q}`;
}

/** c) the HTTP endpoint, body parsed as JSON like the map's client does. */
async function viaHttp(c: Case): Promise<number> {
  const res = await fetch(endpointUrl(c));
  if (!res.ok) throw new Error(`GET ${endpointUrl(c)} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = (await res.json()) as { features: unknown[] };
  return body.features.length;
}

// ---------------------------------------------------------------------------------------------------------------
// The web server.


// ---------------------------------------------------------------------------------------------------------------
// Measurement.

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

type Timing = { p50: number; p95: number };
type Way = 'a' | 'a2' | 'b' | 'c';
type Row = { c: Case; n: number; t: Record<Way, Timing> };

async function time(fn: () => Promise<number>, expected: number, what: string): Promise<number> {
  const t0 = performance.now();
  const n = await fn();
  const ms = performance.now() - t0;
  if (n !== expected) throw new Error(`${what} returned ${n} features, expected ${expected}`);
  return ms;
}

/**
 * Rounds of a, a2, b and c, interleaved in a rotating order so the four see the same cache state and background
 * noise. Warm-up: up to --warmup rounds or 5 s. Then rounds until --samples, or until `budgetMs` is spent (not below
 * --min-samples).
 */
async function measure(c: Case, app: (c: Case) => Promise<number>, budgetMs: number): Promise<Row> {
  const ways: { key: Way; fn: () => Promise<number>; expected: number }[] = [
    { key: 'a', fn: () => naiveSql(c), expected: c.naiveFeatures! },
    { key: 'a2', fn: () => gridSql(c), expected: c.features },
    { key: 'b', fn: () => app(c), expected: c.features },
    { key: 'c', fn: () => viaHttp(c), expected: c.features },
  ];
  const ms: Record<Way, number[]> = { a: [], a2: [], b: [], c: [] };
  const round = async (i: number, keep: boolean) => {
    for (let k = 0; k < ways.length; k++) {
      const w = ways[(i + k) % ways.length]!;
      const t = await time(w.fn, w.expected, `${w.key}) ${c.name}`);
      if (keep) ms[w.key].push(t);
    }
  };
  const warmStart = performance.now();
  for (let i = 0; i < warmup && (i === 0 || performance.now() - warmStart < 5_000); i++) await round(i, false);
  const start = performance.now();
  for (let i = 0; i < samples; i++) {
    if (budgetMs > 0 && i >= minSamples && performance.now() - start >= budgetMs) break;
    await round(i, true);
  }
  const stat = (xs: number[]): Timing => {
    const sorted = [...xs].sort((x, y) => x - y);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  return { c, n: ms.a.length, t: { a: stat(ms.a), a2: stat(ms.a2), b: stat(ms.b), c: stat(ms.c) } };
}

const featureCount = (n: number, clustered: boolean) => `${n} ${clustered ? 'cluster' : 'point'}${n === 1 ? '' : 's'}`;

function printRows(rows: Row[]) {
  const f = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
  const x = (r: number) => (r < 10 ? `${r.toFixed(2)}×` : r < 100 ? `${r.toFixed(1)}×` : `${r.toFixed(0)}×`);
  const header = [
    'viewport', 'a) features', 'a2/b/c features', 'n',
    'a) naive p50', 'a) p95', 'a2) grid p50', 'a2) p95', 'b) app p50', 'b) p95', 'c) HTTP p50', 'c) p95',
    'b/a2 p50', 'b/a2 p95', 'c/a2 p50', 'c/a2 p95', 'a/c p50', 'a/c p95',
  ];
  const body = rows.map(({ c, n, t }) => [
    c.name,
    featureCount(c.naiveFeatures!, c.clustered),
    featureCount(c.features, c.clustered),
    String(n),
    f(t.a.p50), f(t.a.p95), f(t.a2.p50), f(t.a2.p95), f(t.b.p50), f(t.b.p95), f(t.c.p50), f(t.c.p95),
    x(t.b.p50 / t.a2.p50), x(t.b.p95 / t.a2.p95), x(t.c.p50 / t.a2.p50), x(t.c.p95 / t.a2.p95),
    x(t.a.p50 / t.c.p50), x(t.a.p95 / t.c.p95),
  ]);
  printTable(header, body, 3);
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const runStart = performance.now();
  log(`Postgres ${databaseUrl.replace(/\/\/[^@]*@/, '//')}, Redis ${redisUrl}; ${cpus().length} CPU(s), Node ${process.version}`);
  migrate(benchEnv);

  const { seedDemoCity } = await import('#db/seed/index');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  bench.state.closeApp = closeConnections;
  log(`demo city: ${await seedDemoCity()}`);

  const existing = (await owner<{ n: number }[]>`SELECT count(*)::int AS n FROM reports`)[0]!.n;
  if (existing > 0) log(`reports already in the table: ${existing.toLocaleString('en')} (the COPY adds to them)`);
  if (reportCount > 0) await loadReports(owner, reportCount, log);

  const { mapFeatures, cellLevel, pointsFirstZoom, maxColumnList } = await import('#app/modules/reports/queries.server');
  pointsFirstFrom = pointsFirstZoom;
  columnListMax = maxColumnList;
  const { sql: appPool } = await import('#app/utils/db.server');
  const { pointInDistrict } = await import('#db/seed/demo-city');
  levelOf = cellLevel;
  const [pothole] = await owner<{ id: number }[]>`SELECT id FROM categories WHERE code = 'pothole'`;
  const categoryId = pothole!.id;

  // b) the app's function, as the loader calls it.
  const app = async (c: Case) => (await mapFeatures(c.view, c.categoryId ? { categoryId: c.categoryId } : {})).length;

  const [dLng, dLat] = pointInDistrict('zarechny');
  const [sLng, sLat] = pointInDistrict('yuzhny');
  const views: { name: string; view: View; categoryId?: number }[] = [
    { name: 'city, z11', view: screen(centre.lng, centre.lat, 11) },
    { name: 'city, z11, category', view: screen(centre.lng, centre.lat, 11), categoryId },
    { name: 'district, z13', view: screen(dLng, dLat, 13) },
    { name: 'district, z13, category', view: screen(dLng, dLat, 13), categoryId },
    { name: 'street, z16', view: screen(sLng, sLat, 16) },
    { name: 'street, z16, category', view: screen(sLng, sLat, 16), categoryId },
  ];

  await bench.startWeb(webPort, '/reports/map.json?west=37.6&south=55.7&east=37.61&north=55.71&zoom=16');
  // One untimed call of mapFeatures() per viewport, recording the statements the app's pool receives (drizzle calls
  // sql.unsafe(text, params, { prepare: false })): a2 must send the same texts with the same parameters.
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  const cases: Case[] = [];
  for (const v of views) {
    const sent: Statement[] = [];
    const unsafe = appPool.unsafe;
    appPool.unsafe = ((text: string, params?: (string | number)[], options?: { prepare?: boolean }) => {
      sent.push({ text: normalise(text), params: [...(params ?? [])] });
      return unsafe(text, params, options);
    }) as typeof appPool.unsafe;
    let features: Awaited<ReturnType<typeof mapFeatures>>;
    try {
      features = await mapFeatures(v.view, v.categoryId ? { categoryId: v.categoryId } : {});
    } finally {
      appPool.unsafe = unsafe;
    }
    const c: Case = { ...v, clustered: features[0]?.type === 'cluster', features: features.length };
    const mine = gridStatements(c, cellLevel(v.view.zoom));
    // From pointsFirstZoom on the app asks for the points first, without the sum(n) probe (as gridSql() does).
    const expected = v.view.zoom >= pointsFirstZoom
      ? [mine.points, ...(c.clustered ? [mine.clusters] : [])]
      : [mine.total, ...(sent.length === 3 || !c.clustered ? [mine.points] : []), ...(c.clustered ? [mine.clusters] : [])];
    const same = sent.length === expected.length && sent.every((s, i) => s.text === normalise(expected[i]!.text) && JSON.stringify(s.params) === JSON.stringify(expected[i]!.params));
    if (!same) {
      const show = (ss: Statement[]) => ss.map((s) => `    ${normalise(s.text)}  -- ${JSON.stringify(s.params)}`).join('\n');
      throw new Error(`a2) is not what mapFeatures() sends for "${v.name}".\n  mapFeatures():\n${show(sent)}\n  a2):\n${show(expected)}`);
    }
    const grid = await gridSql(c);
    if (grid !== c.features) throw new Error(`a2) ${v.name} returned ${grid} features, mapFeatures() ${c.features}`);
    cases.push(c);
    log(`${v.name}: level ${cellLevel(v.view.zoom)}, ${featureCount(c.features, c.clustered)}; mapFeatures() sent ${sent.length} statements, a2) sends the same`);
  }
  // Fastest first (one timed call of a and a2 each), so the slow viewports share the time the fast ones leave.
  const cost = new Map<Case, number>();
  for (const c of cases) {
    c.naiveFeatures = await naiveSql(c);
    cost.set(c, (await time(() => naiveSql(c), c.naiveFeatures, `a) ${c.name}`)) + (await time(() => gridSql(c), c.features, `a2) ${c.name}`)));
  }
  const order = [...cases].sort((x, y) => cost.get(x)! - cost.get(y)!);
  log(
    `timing ${cases.length} viewports × 4 ways, ${samples} samples each` +
      (budgetSeconds > 0 ? ` or as many as fit in ${budgetSeconds} s in all (at least ${minSamples}; --full for all ${samples})` : '') +
      `, after up to ${warmup} warm-up rounds; one request at a time`,
  );
  const byCase = new Map<Case, Row>();
  const measureStart = performance.now();
  for (const [i, c] of order.entries()) {
    const left = budgetSeconds * 1000 - (performance.now() - measureStart);
    const share = budgetSeconds > 0 ? Math.max(1, left / (order.length - i)) : 0;
    const t0 = performance.now();
    const row = await measure(c, app, share);
    byCase.set(c, row);
    log(`  ${c.name}: ${row.n} samples in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const rows = cases.map((c) => byCase.get(c)!);

  console.log('');
  const total = (await owner<{ n: number }[]>`SELECT count(*)::int AS n FROM reports`)[0]!.n;
  console.log(
    `Map viewport timings, ${total.toLocaleString('en')} reports, ms (a = naive SQL over reports, a2 = bare SQL (grid), ` +
      `b = mapFeatures(), c = GET /reports/map.json; n = samples of each):`,
  );
  console.log('');
  printRows(rows);
  console.log('');
  for (const c of cases) {
    const v = c.view;
    console.log(`  ${c.name.padEnd(24)} bbox ${v.west},${v.south},${v.east},${v.north}${c.categoryId ? ` category=${c.categoryId} (pothole)` : ''}`);
  }
  log(`whole run ${((performance.now() - runStart) / 1000).toFixed(0)} s`);
}

await bench.runMain(main);
