// `npm run bench:export [-- --reports N] [--port N] [--keep]`: loads N generated reports (default 1,000,000) as
// bench/reports-map.ts does, and streams the open-data reports export three ways in the same run.
// `npm run bench:ledger [-- --rows N]` (`--dataset ballot-ledgers`) does the same for the ballot ledger: N generated
// ledger entries (default 10,000,000) of one published ballot, exported as /data/ballot-ledgers/ballot-ledgers.csv
// and /votes/<id>/ledger.csv. The ways:
//   a) the bare `COPY (SELECT … the dataset's columns and joins …) TO STDOUT WITH CSV HEADER` on the postgres client,
//      bytes counted, nothing parsed (the baseline);
//   b) streamResource(dataset, resource) from app/modules/opendata/datasets.server.ts, consumed in this process
//      (CSV, and GeoJSON), while this process's RSS is sampled every 50 ms;
//   c) the real download GET /data/reports/reports.csv (and reports.geojson) from the freshly built web server, while
//      the server's VmRSS (/proc/<pid>/status) is sampled every 50 ms.
// a) and b) also run once on the first N/10 reports, before the rest are loaded, so memory can be compared across
// sizes. It checks that every CSV has the same number of lines (header + the public rows) and every GeoJSON one
// feature per public row, and prints MB/s, the ratios to a) and the peak RSS. See bench/README.md.
import { get } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import postgres from 'postgres';
import { migrate } from '../scripts/setup.mjs';
import { cpuPerUnit, flag, intOption, log, openBenchSession, option, printTable } from './harness';
import { loadReports } from './load-reports';

// ---------------------------------------------------------------------------------------------------------------
// Options


const datasetId = option('dataset') === 'ballot-ledgers' ? 'ballot-ledgers' : 'reports';
const isLedger = datasetId === 'ballot-ledgers';
const reportCount = isLedger ? intOption('rows', 10_000_000) : intOption('reports', 1_000_000);
const smallCount = Math.floor(reportCount / 10);
const webPort = intOption('port', 3948);
const keep = flag('keep');
const sampleMs = 50;

// ---------------------------------------------------------------------------------------------------------------
// Services and environment: must be in process.env before any #app module is imported (env.server reads it once).

const bench = openBenchSession({ keep });
const { databaseUrl, ownerUrl, redisUrl, benchEnv, owner } = bench;

// A full garbage collection before each in-process measurement, so its RSS baseline does not carry the garbage of
// the one before (the flag is set at run time: `tsx` takes no node flags through `npm run`).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------------------------------------------------------
// The reports dataset's query, for a): the same columns, joins, filter and order as `rows()` of the reports dataset
// in app/modules/opendata/datasets.server.ts (main() checks that the CSV headers agree).

const ledgerSelect = `
  SELECT l.ballot_id, l.seq, l.receipt_hash, l.choices, l.prev_hash, l.entry_hash FROM ballot_ledger l
  JOIN ballots b ON b.id = l.ballot_id WHERE b.status = 'published' ORDER BY l.ballot_id, l.seq`;

const reportsSelect = `
  SELECT r.id::int AS id, c.code AS category_code, c.name_ru AS category, r.status, r.overdue, d.code AS district, dep.name_ru AS department,
         r.address, r.description, round(ST_Y(r.location)::numeric, 6)::float8 AS lat, round(ST_X(r.location)::numeric, 6)::float8 AS lng,
         r.created_at, r.answer_due_at, r.answered_at, r.closed_at, r.reopen_count
  FROM reports r JOIN categories c ON c.id = r.category_id LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN departments dep ON dep.id = r.department_id
  WHERE r.status IN ('arbitration', 'assigned', 'answered', 'closed') ORDER BY r.id`;

const exportSelect = isLedger ? ledgerSelect : reportsSelect;

/** What a correct export holds: the public rows, and the newlines inside their text fields (quoted in a CSV). */
async function expected(): Promise<{ rows: number; csvLines: number }> {
  if (isLedger) {
    const [row] = await owner<{ rows: number }[]>`SELECT count(*)::int AS rows FROM ballot_ledger l JOIN ballots b ON b.id = l.ballot_id WHERE b.status = 'published'`;
    return { rows: row!.rows, csvLines: row!.rows + 1 };
  }
  const nl = (col: string) => `coalesce(sum(length(${col}) - length(replace(${col}, E'\\n', ''))), 0)`;
  const [row] = await owner.unsafe<{ rows: number; inner: number }[]>(`
    SELECT count(*)::int AS rows, (${nl('r.address')} + ${nl('r.description')} + ${nl('c.name_ru')} + ${nl('dep.name_ru')})::int AS inner
    FROM reports r JOIN categories c ON c.id = r.category_id LEFT JOIN departments dep ON dep.id = r.department_id
    WHERE r.status IN ('arbitration', 'assigned', 'answered', 'closed')`);
  return { rows: row!.rows, csvLines: 1 + row!.rows + row!.inner };
}

// ---------------------------------------------------------------------------------------------------------------
// The ballot ledger: one published ballot whose ledger gets `count` generated entries (64-hex hashes, canonical
// choices), inserted by Postgres itself in batches of a million. The chain is shaped like the real one (each
// prev_hash is the entry before's entry_hash) but its hashes are not recomputed: this measures the export.

const benchBallotTitle = 'Bench ledger';

async function loadLedger(sql: typeof owner, count: number, say: (m: string) => void, offset = 0): Promise<void> {
  let [ballot] = await sql<{ id: number }[]>`SELECT id FROM ballots WHERE title_en = ${benchBallotTitle}`;
  if (!ballot) {
    [ballot] = await sql<{ id: number }[]>`
      INSERT INTO ballots (title_ru, title_en, description_ru, description_en, status, opens_at, closes_at, closed_at, published_at)
      VALUES ('Реестр для замера', ${benchBallotTitle}, 'Сгенерировано bench/opendata-export.ts', 'Generated by bench/opendata-export.ts', 'published', now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', now())
      RETURNING id`;
    const [q] = await sql<{ id: number }[]>`INSERT INTO ballot_questions (ballot_id, position, text_ru, text_en) VALUES (${ballot!.id}, 1, 'Вопрос', 'Question') RETURNING id`;
    await sql`INSERT INTO ballot_options (question_id, position, label_ru, label_en) VALUES (${q!.id}, 1, 'Да', 'Yes'), (${q!.id}, 2, 'Нет', 'No')`;
  }
  const id = ballot!.id;
  const t0 = performance.now();
  for (let from = offset + 1; from <= offset + count; from += 1_000_000) {
    const to = Math.min(offset + count, from + 999_999);
    await sql`
      INSERT INTO ballot_ledger (ballot_id, seq, receipt_hash, choices, prev_hash, entry_hash)
      SELECT ${id}, g, encode(sha256(('r' || g)::bytea), 'hex'), '{"1":[' || (1 + g % 2) || ']}',
        CASE WHEN g = 1 THEN repeat('0', 64) ELSE encode(sha256(('e' || (g - 1))::bytea), 'hex') END, encode(sha256(('e' || g)::bytea), 'hex')
      FROM generate_series(${from}::int, ${to}::int) g`;
    say(`ledger: ${to.toLocaleString('en')} entries (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await sql`UPDATE ballots SET entry_count = ${offset + count}, chain_head = encode(sha256(('e' || ${offset + count}::int)::bytea), 'hex') WHERE id = ${id}`;
  await sql`VACUUM ANALYZE ballot_ledger`;
}

// ---------------------------------------------------------------------------------------------------------------
// Counting what goes by: bytes, '\n' bytes (CSV lines; memchr, no parsing) and, for GeoJSON, features.

const featureMark = Buffer.from('{"type":"Feature",');

class Tally {
  bytes = 0;
  lines = 0;
  features = 0;
  head = '';
  private tail = Buffer.alloc(0);
  constructor(private readonly geojson = false) {}

  add(chunk: Uint8Array | string) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.head.length < 400) this.head += buf.subarray(0, 400).toString('utf8');
    this.bytes += buf.length;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) this.lines++;
    if (this.geojson) {
      // A mark split across two chunks: look in the seam (the last len-1 bytes before + the first len-1 after).
      const seam = Buffer.concat([this.tail, buf.subarray(0, featureMark.length - 1)]);
      if (this.tail.length && seam.indexOf(featureMark) >= 0) this.features++;
      for (let i = buf.indexOf(featureMark); i >= 0; i = buf.indexOf(featureMark, i + featureMark.length)) this.features++;
      this.tail = Buffer.from(buf.subarray(Math.max(0, buf.length - (featureMark.length - 1))));
    }
  }

  get firstLine() {
    return this.head.split('\n')[0] ?? '';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// RSS sampling every 50 ms: this process (process.memoryUsage.rss(), the same figure as process.memoryUsage().rss
// without walking the heap spaces) or the web server's processes (VmRSS in /proc/<pid>/status, bench.webRss()).

const ownRss = () => process.memoryUsage.rss();

/**
 * In this process, after a full GC: RSS sampled while `fn` runs, and the V8 heap in use after a full GC before and
 * after it (what the export left behind, as opposed to the garbage V8 let accumulate between collections).
 */
async function inThisProcess<T>(fn: () => Promise<T>) {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const run = await sampled(ownRss, fn);
  gc();
  return { ...run, heapBefore, heapAfter: process.memoryUsage().heapUsed };
}

/**
 * RSS sampled while `fn` runs: before, the peak, and the peak within the first tenth of the run's time — for a steady
 * stream about its first tenth of the rows, so growth with the rows shows as a whole-run peak above the early one —
 * and each part's CPU over the run, per MB sent (`cpuPerMb`).
 */
async function sampled<T>(read: () => number, fn: () => Promise<T>) {
  const before = read();
  const cpuBefore = bench.cpuReading();
  const t0 = performance.now();
  const samples: { at: number; rss: number }[] = [];
  const timer = setInterval(() => samples.push({ at: performance.now() - t0, rss: read() }), sampleMs);
  try {
    const result = await fn();
    const seconds = performance.now() - t0;
    samples.push({ at: seconds, rss: read() });
    const cpuAfter = bench.cpuReading();
    const peakOf = (xs: { rss: number }[]) => Math.max(before, ...xs.map((x) => x.rss));
    const cpuPerMb = (bytes: number) => cpuPerUnit(cpuBefore, cpuAfter, mb(bytes), 'MB', 'MB');
    return { result, before, peak: peakOf(samples), earlyPeak: peakOf(samples.filter((x) => x.at <= seconds / 10)), cpuPerMb };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The ways.

type Way = { way: string; rows: number; bytes: number; seconds: number; rssBefore: number; rssPeak: number; rssOf: 'bench' | 'web' };

/**
 * a) the bare COPY … TO STDOUT as the owner, bytes counted. On a connection of its own, opened before the clock
 * starts and closed after: postgres.js 3.4 can leave a connection's socket paused after a COPY … TO STDOUT stream
 * (porsager/postgres#499, fix proposed in #1016), and the next query on it then never returns.
 */
async function viaCopy(): Promise<{ tally: Tally; seconds: number }> {
  const conn = postgres(ownerUrl, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await conn`SELECT 1`;
    const tally = new Tally();
    const t0 = performance.now();
    const stream = await conn.unsafe(`COPY (${exportSelect}) TO STDOUT WITH CSV HEADER`).readable();
    for await (const chunk of stream) tally.add(chunk as Buffer);
    return { tally, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await conn.end({ timeout: 1 }).catch(() => {});
  }
}

/** b) streamResource() of the app, in this process, read as the route's Response would read it. */
async function viaStream(format: 'csv' | 'geojson' | 'csv-stringify'): Promise<{ tally: Tally; seconds: number }> {
  const { findDataset, streamResource } = await import('#app/modules/opendata/datasets.server');
  const { csvStream } = await import('#app/utils/streams.server');
  const dataset = findDataset(datasetId)!;
  const resource = dataset.resources.find((r) => r.format === (format === 'csv-stringify' ? 'csv' : format))!;
  const tally = new Tally(format === 'geojson');
  const t0 = performance.now();
  // csv-stringify: the dataset's rows through csvStream(), the way a CSV with free text was written before ADR 065.
  const stream = format === 'csv-stringify' ? csvStream(dataset.rows(), dataset.fields.map((f) => f.name)) : streamResource(dataset, resource);
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    tally.add(value);
  }
  return { tally, seconds: (performance.now() - t0) / 1000 };
}

/** c) the download from the web server (node:http, the body counted as it arrives, nothing kept). */
function viaHttp(file: string): Promise<{ tally: Tally; seconds: number; status: number }> {
  return new Promise((resolve, reject) => {
    const tally = new Tally(file.endsWith('.geojson'));
    const t0 = performance.now();
    const req = get({ host: '127.0.0.1', port: webPort, path: file.startsWith('/') ? file : `/data/${datasetId}/${file}`, agent: false }, (res) => {
      res.on('data', (chunk: Buffer) => tally.add(chunk));
      res.on('end', () => resolve({ tally, seconds: (performance.now() - t0) / 1000, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The web server.


// ---------------------------------------------------------------------------------------------------------------
// Output.

const mb = (bytes: number) => bytes / 1e6;
const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function printWays(rows: Way[], baselines: Map<Way, Way>) {
  const header = ['way', 'rows', 'MB', 's', 'MB/s', 'MB/s ÷ a)', 'time × a)', 'peak RSS Δ'];
  const body = rows.map((w) => {
    const a = baselines.get(w)!;
    const rate = mb(w.bytes) / w.seconds;
    const aRate = mb(a.bytes) / a.seconds;
    return [
      w.way,
      w.rows.toLocaleString('en'),
      fmt(mb(w.bytes)),
      fmt(w.seconds),
      fmt(rate),
      `${(rate / aRate).toFixed(2)}×`,
      `${(w.seconds / a.seconds).toFixed(2)}×`,
      `${w.rssOf === 'web' ? 'web ' : ''}+${mib(w.rssPeak - w.rssBefore)}`,
    ];
  });
  printTable(header, body);
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const runStart = performance.now();
  log(`Postgres ${databaseUrl.replace(/\/\/[^@]*@/, '//')}, Redis ${redisUrl}; ${cpus().length} CPU(s), Node ${process.version}`);
  migrate(benchEnv);

  const { seedDemoCity } = await import('#db/seed/index');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  bench.state.closeApp = closeConnections;
  const { findDataset } = await import('#app/modules/opendata/datasets.server');
  const fieldNames = findDataset(datasetId)!.fields.map((f) => f.name).join(',');
  log(`demo city: ${await seedDemoCity()}`);
  const existing = (await owner<{ n: number }[]>`SELECT count(*)::int AS n FROM ${owner(isLedger ? 'ballot_ledger' : 'reports')}`)[0]!.n;
  if (existing > 0) log(`rows already in the table: ${existing.toLocaleString('en')} (the load adds to them)`);
  const load = isLedger ? loadLedger : loadReports;

  const table: Way[] = [];
  const baselines = new Map<Way, Way>();
  const notes: string[] = [];

  /** a), then b) for CSV (and GeoJSON if asked), on what is in the table now. */
  const inProcess = async (label: string, geojson: boolean) => {
    const want = await expected();
    const check = (what: string, t: Tally) => {
      if (t.firstLine !== fieldNames) throw new Error(`${what}: header "${t.firstLine}", expected "${fieldNames}"`);
      if (t.lines !== want.csvLines) throw new Error(`${what}: ${t.lines.toLocaleString('en')} CSV lines, expected ${want.csvLines.toLocaleString('en')}`);
    };
    // Untimed: brings the tables into the cache and sets the hint bits the COPY in left unset.
    log(`${label}: warm-up COPY (untimed)`);
    check('a) warm-up', (await viaCopy()).tally);

    const a = await inThisProcess(viaCopy);
    check('a) COPY', a.result.tally);
    const aWay: Way = { way: `a) COPY … TO STDOUT CSV${label === 'full' ? '' : ` (${label})`}`, rows: want.rows, bytes: a.result.tally.bytes, seconds: a.result.seconds, rssBefore: a.before, rssPeak: a.peak, rssOf: 'bench' };
    log(`  ${aWay.way}: ${fmt(mb(aWay.bytes))} MB in ${fmt(aWay.seconds)} s`);
    table.push(aWay);
    baselines.set(aWay, aWay);
    notes.push(`${aWay.way}: ${a.cpuPerMb(aWay.bytes)}`);

    const b = await inThisProcess(() => viaStream('csv'));
    check('b) streamResource CSV', b.result.tally);
    const bWay: Way = { way: `b) streamResource() CSV${label === 'full' ? '' : ` (${label})`}`, rows: want.rows, bytes: b.result.tally.bytes, seconds: b.result.seconds, rssBefore: b.before, rssPeak: b.peak, rssOf: 'bench' };
    log(`  ${bWay.way}: ${fmt(mb(bWay.bytes))} MB in ${fmt(bWay.seconds)} s; RSS ${mib(b.before)} → peak ${mib(b.peak)}`);
    table.push(bWay);
    baselines.set(bWay, aWay);
    notes.push(`${bWay.way}: bench process RSS ${mib(b.before)} before, peak ${mib(b.earlyPeak)} in its first tenth, ${mib(b.peak)} in all; V8 heap in use after a full GC ${mib(b.heapBefore)} before, ${mib(b.heapAfter)} after; ${b.cpuPerMb(bWay.bytes)}`);

    // The same CSV the way it was written before Postgres wrote it (ADR 065), for the before/after in one run.
    if (findDataset(datasetId)!.csvSelect && !isLedger) {
      const s = await inThisProcess(() => viaStream('csv-stringify'));
      check('b) csvStream CSV', s.result.tally);
      const sWay: Way = { way: `b) csvStream() CSV, csv-stringify (before)${label === 'full' ? '' : ` (${label})`}`, rows: want.rows, bytes: s.result.tally.bytes, seconds: s.result.seconds, rssBefore: s.before, rssPeak: s.peak, rssOf: 'bench' };
      log(`  ${sWay.way}: ${fmt(mb(sWay.bytes))} MB in ${fmt(sWay.seconds)} s; RSS ${mib(s.before)} → peak ${mib(s.peak)}`);
      table.push(sWay);
      baselines.set(sWay, aWay);
      if (sWay.bytes !== bWay.bytes) throw new Error(`b) csvStream CSV: ${sWay.bytes} bytes, streamResource() ${bWay.bytes}: not the same file`);
      notes.push(`${sWay.way}: bench process RSS ${mib(s.before)} before, peak ${mib(s.peak)}; V8 heap in use after a full GC ${mib(s.heapBefore)} before, ${mib(s.heapAfter)} after`);
    }

    if (geojson) {
      const g = await inThisProcess(() => viaStream('geojson'));
      if (g.result.tally.features !== want.rows) throw new Error(`b) streamResource GeoJSON: ${g.result.tally.features} features, expected ${want.rows}`);
      const gWay: Way = { way: 'b) streamResource() GeoJSON', rows: want.rows, bytes: g.result.tally.bytes, seconds: g.result.seconds, rssBefore: g.before, rssPeak: g.peak, rssOf: 'bench' };
      log(`  ${gWay.way}: ${fmt(mb(gWay.bytes))} MB in ${fmt(gWay.seconds)} s; RSS ${mib(g.before)} → peak ${mib(g.peak)}`);
      table.push(gWay);
      baselines.set(gWay, aWay);
      notes.push(`${gWay.way}: bench process RSS ${mib(g.before)} before, peak ${mib(g.peak)}; V8 heap in use after a full GC ${mib(g.heapBefore)} before, ${mib(g.heapAfter)} after`);
    }
    return { aWay, want, check };
  };

  // 1. The first N/10 reports: a) and b) CSV, for the memory at a tenth of the size.
  let small: { aWay: Way } | undefined;
  if (smallCount > 0 && smallCount < reportCount) {
    await load(owner, smallCount, log);
    small = await inProcess('N/10', false);
  }
  // 2. The rest, up to N: a), b) CSV (and GeoJSON for reports), c) CSV (and GeoJSON).
  await load(owner, reportCount - (small ? smallCount : 0), log, small ? smallCount : 0);
  const { aWay, want, check } = await inProcess('full', !isLedger);

  await bench.startWeb(webPort, '/data/department-performance/department-performance.csv');
  const ledgerBallot = isLedger ? (await owner<{ id: number }[]>`SELECT id FROM ballots WHERE title_en = ${benchBallotTitle}`)[0]!.id : 0;
  for (const file of isLedger ? ['ballot-ledgers.csv', `/votes/${ledgerBallot}/ledger.csv`] : ['reports.csv', 'reports.geojson']) {
    // Every server process (with WEB_CONCURRENCY > 1 the one started only forks the ones that serve), summed.
    const c = await sampled(() => bench.webRss().reduce((sum, p) => sum + p.mib * 1024 * 1024, 0), () => viaHttp(file));
    const { tally, seconds, status } = c.result;
    if (status !== 200) throw new Error(`GET ${file} → ${status}: ${tally.head.slice(0, 300)}`);
    if (file.startsWith('/votes/')) {
      // The one-ballot ledger has its own columns (no ballot_id): only its line count is checked.
      if (tally.lines !== want.csvLines) throw new Error(`c) GET ${file}: ${tally.lines} lines, expected ${want.csvLines}`);
    } else if (file.endsWith('.csv')) check(`c) GET ${file}`, tally);
    else if (tally.features !== want.rows) throw new Error(`c) GET ${file}: ${tally.features} features, expected ${want.rows}`);
    const cWay: Way = { way: `c) GET ${file.startsWith('/') ? file : `/data/${datasetId}/${file}`}`, rows: want.rows, bytes: tally.bytes, seconds, rssBefore: c.before, rssPeak: c.peak, rssOf: 'web' };
    log(`  ${cWay.way}: ${fmt(mb(cWay.bytes))} MB in ${fmt(cWay.seconds)} s; web server VmRSS ${mib(c.before)} → peak ${mib(c.peak)}`);
    table.push(cWay);
    baselines.set(cWay, aWay);
    notes.push(`${cWay.way}: web server VmRSS ${mib(c.before)} before the download, peak ${mib(c.earlyPeak)} in its first tenth, ${mib(c.peak)} in all; ${c.cpuPerMb(cWay.bytes)} ("the bench's clients": the download's reader)`);
  }

  console.log('');
  const total = (await owner<{ n: number }[]>`SELECT count(*)::int AS n FROM ${owner(isLedger ? 'ballot_ledger' : 'reports')}`)[0]!.n;
  console.log(
    `Open data export of the ${datasetId} dataset, ${total.toLocaleString('en')} rows (${want.rows.toLocaleString('en')} public); ` +
      `MB = 10^6 bytes; ratios against the a) row of the same size; peak RSS Δ = peak − RSS before the export, sampled every ${sampleMs} ms ` +
      `(bench process for a and b, web server's VmRSS for c):`,
  );
  console.log('');
  printWays(table, baselines);
  console.log('');
  for (const n of notes) console.log(`  ${n}`);
  console.log(`  CSV lines (header + public rows${want.csvLines !== want.rows + 1 ? ' + newlines inside quoted fields' : ''}): ${want.csvLines.toLocaleString('en')} from a), b) and c)${isLedger ? '' : `; GeoJSON features: ${want.rows.toLocaleString('en')} from b) and c)`}`);
  log(`whole run ${((performance.now() - runStart) / 1000).toFixed(0)} s`);
}

await bench.runMain(main);
