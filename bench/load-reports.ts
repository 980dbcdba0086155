// Loads N generated reports into the bench database with one COPY, as the database owner: the shared loading step of
// the benchmarks in bench/ (reports-map.ts, opendata-export.ts). See bench/README.md ("What it does", step 3).
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

// Deterministic random numbers (mulberry32), so every run loads the same city.

let seed = 0x5eed_2026;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// ---------------------------------------------------------------------------------------------------------------
// The demo city's geometry (db/seed/demo-city.ts): centre 37.62/55.75; a 3 km central disc, 5 inner sectors of
// 72° to 8 km (from bearing 0°), 6 outer sectors of 60° to 14 km (from bearing 15°).

export const centre = { lng: 37.62, lat: 55.75 };
const kmPerDegLat = 111.32;
const kmPerDegLng = kmPerDegLat * Math.cos((centre.lat * Math.PI) / 180);
const cityRadiusKm = 14;

function toLngLat(xKm: number, yKm: number): [number, number] {
  return [centre.lng + xKm / kmPerDegLng, centre.lat + yKm / kmPerDegLat];
}

/** Index into demoDistricts for a point given in km east/north of the centre. */
function districtIndex(xKm: number, yKm: number): number {
  const r = Math.hypot(xKm, yKm);
  const bearing = ((Math.atan2(xKm, yKm) * 180) / Math.PI + 360) % 360;
  if (r < 3) return 0;
  if (r < 8) return 1 + Math.min(4, Math.floor(bearing / 72));
  return 6 + Math.min(5, Math.floor(((bearing - 15 + 360) % 360) / 60));
}

// Hotspots: denser towards the centre, each a Gaussian blob of 150–900 m; the rest is spread over the disc with a
// density that falls off with the distance from the centre.
const hotspots = Array.from({ length: 120 }, () => {
  const r = cityRadiusKm * 0.95 * Math.pow(random(), 0.9);
  const a = random() * 2 * Math.PI;
  return { x: r * Math.sin(a), y: r * Math.cos(a), sigma: 0.15 + random() * 0.75, weight: 0.2 + random() };
});
const hotspotWeights = (() => {
  const total = hotspots.reduce((s, h) => s + h.weight, 0);
  let acc = 0;
  return hotspots.map((h) => (acc += h.weight / total));
})();

function randomPlace(): [number, number] {
  for (;;) {
    let x: number;
    let y: number;
    if (random() < 0.65) {
      const u = random();
      const h = hotspots[Math.max(0, hotspotWeights.findIndex((w) => w >= u))]!;
      x = h.x + gaussian() * h.sigma;
      y = h.y + gaussian() * h.sigma;
    } else {
      const r = cityRadiusKm * Math.pow(random(), 0.7);
      const a = random() * 2 * Math.PI;
      x = r * Math.sin(a);
      y = r * Math.cos(a);
    }
    if (Math.hypot(x, y) < cityRadiusKm) return [x, y];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Row generation for COPY (text format: tab-separated, \N for NULL; no tabs, newlines or backslashes in values).

type CityIds = {
  districtIds: number[];
  categories: { id: number; sla: number }[];
  /** department for `${categoryId}:${districtId}` */
  departments: Map<string, number>;
  authors: string[];
};

const statusMix: [string, number][] = [
  ['closed', 0.45],
  ['answered', 0.18],
  ['assigned', 0.22],
  ['arbitration', 0.06],
  ['submitted', 0.06],
  ['rejected', 0.03],
];
const statusCumulative = (() => {
  let acc = 0;
  return statusMix.map(([s, p]) => [s, (acc += p)] as const);
})();
const streets = ['Лесная', 'Садовая', 'Заводская', 'Речная', 'Школьная', 'Молодёжная', 'Центральная', 'Парковая', 'Новая', 'Мира'];
const day = 86_400_000;

function* reportRows(count: number, ids: CityIds, now: number, first: number): Generator<string> {
  const chunk: string[] = [];
  for (let i = first; i < first + count; i++) {
    const [x, y] = randomPlace();
    const [lng, lat] = toLngLat(x, y);
    const districtId = ids.districtIds[districtIndex(x, y)]!;
    const category = pick(ids.categories);
    const u = random();
    const status = statusCumulative.find(([, c]) => u < c)?.[0] ?? 'closed';
    // Submitted reports wait for moderation, so they are recent; the rest spread over the last year.
    const created = status === 'submitted' ? now - random() * 1.5 * day : now - random() * 365 * day;
    const moderationDue = created + day;
    const moderated = status === 'submitted' ? null : created + random() * 0.9 * day;
    let departmentId: number | null = null;
    let answerDue: number | null = null;
    if (moderated !== null && status !== 'rejected' && (status !== 'arbitration' || random() < 0.5)) {
      departmentId = ids.departments.get(`${category.id}:${districtId}`) ?? null;
      answerDue = moderated + category.sla * 1.4 * day;
    }
    const overdue = (status === 'assigned' && answerDue !== null && answerDue < now) || (status === 'arbitration' && random() < 0.3);
    const updated = Math.min(now, (moderated ?? created) + random() * 20 * day);
    const author = random() < 0.1 ? '\\N' : pick(ids.authors);
    chunk.push(
      [
        author,
        category.id,
        `SRID=4326;POINT(${lng.toFixed(6)} ${lat.toFixed(6)})`,
        `ул. ${pick(streets)}, д. ${1 + Math.floor(random() * 120)}`,
        `Нагрузочный тест: обращение ${i + 1}`,
        status,
        districtId,
        departmentId ?? '\\N',
        new Date(moderationDue).toISOString(),
        answerDue === null ? '\\N' : new Date(answerDue).toISOString(),
        moderated === null ? '\\N' : new Date(moderated).toISOString(),
        overdue ? 't' : 'f',
        new Date(created).toISOString(),
        new Date(updated).toISOString(),
      ].join('\t'),
    );
    if (chunk.length === 5000) {
      yield chunk.join('\n') + '\n';
      chunk.length = 0;
    }
  }
  if (chunk.length) yield chunk.join('\n') + '\n';
}

async function cityIds(owner: postgres.Sql): Promise<CityIds> {
  const { demoDistricts } = await import('#db/seed/demo-city');
  const districts = await owner<{ id: number; code: string }[]>`SELECT id, code FROM districts`;
  const byCode = new Map(districts.map((d) => [d.code, d.id]));
  const districtIds = demoDistricts.map((d) => byCode.get(d.code)!);
  if (districtIds.some((id) => id === undefined)) throw new Error('the demo districts are not all there');
  const categories = await owner<{ id: number; sla: number }[]>`SELECT id, answer_sla AS sla FROM categories ORDER BY id`;
  const routes = await owner<{ category_id: number; district_id: number; department_id: number }[]>`
    SELECT c.id AS category_id, dd.district_id, min(d.id) AS department_id
    FROM categories c JOIN departments d ON d.kind = c.department_kind JOIN department_districts dd ON dd.department_id = d.id
    GROUP BY c.id, dd.district_id`;
  const departments = new Map(routes.map((r) => [`${r.category_id}:${r.district_id}`, r.department_id]));
  const authors = (await owner<{ id: string }[]>`SELECT id FROM users`).map((u) => u.id);
  return { districtIds, categories, departments, authors };
}

/**
 * COPYs `count` generated reports (numbered from `first` + 1 in their descriptions) on the owner's connection, then
 * ANALYZEs and logs the load time, the counts, report_map_cells' size and the grid check. The PRNG carries on from
 * one call to the next, so two calls load different reports, and every run the same ones.
 */
export async function loadReports(owner: postgres.Sql, count: number, log: (msg: string) => void, first = 0) {
  const ids = await cityIds(owner);
  const started = performance.now();
  // One statement, so the AFTER INSERT … FOR EACH STATEMENT trigger (migration 0004) fires once, at the end, with all
  // rows in its transition table: one aggregated upsert into report_map_cells (9 levels), inside the COPY's time.
  const copy = await owner`COPY reports (author_id, category_id, location, address, description, status, district_id, department_id,
    moderation_due_at, answer_due_at, moderated_at, overdue, created_at, updated_at) FROM STDIN`.writable();
  await pipeline(Readable.from(reportRows(count, ids, Date.now(), first)), copy);
  const copied = (performance.now() - started) / 1000;
  const analyzeStart = performance.now();
  await owner`ANALYZE reports, report_map_cells`;
  const analyzed = (performance.now() - analyzeStart) / 1000;
  const [counts] = await owner<{ total: number; shown: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE status IN ('arbitration', 'assigned', 'answered', 'closed'))::int AS shown FROM reports`;
  const { total, shown } = counts!;
  log(
    `COPY of ${count.toLocaleString('en')} reports: ${copied.toFixed(1)} s (${Math.round(count / copied).toLocaleString('en')} rows/s, ` +
      `indexes, FKs and the report_map_cells insert trigger in place); ANALYZE ${analyzed.toFixed(1)} s`,
  );
  log(`reports in the table: ${total.toLocaleString('en')}, of them public (on the map): ${shown.toLocaleString('en')}`);
  const levels = await owner<{ level: number; rows: number }[]>`SELECT level, count(*)::int AS rows FROM report_map_cells GROUP BY level ORDER BY level`;
  const [size] = await owner<{ bytes: number }[]>`SELECT pg_total_relation_size('report_map_cells')::float8 AS bytes`;
  const cellRows = levels.reduce((s, l) => s + l.rows, 0);
  log(
    `report_map_cells: ${cellRows.toLocaleString('en')} rows, ${(size!.bytes / 2 ** 20).toFixed(0)} MB with its index ` +
      `(per level ${levels.map((l) => `${l.level}: ${l.rows.toLocaleString('en')}`).join(', ')})`,
  );
  // One statement: level 15's sums per (category, status, district, overdue) against the counts in reports.
  const [check] = await owner<{ groups: number; mismatches: number; grid: number; reports: number }[]>`
    WITH g AS (
      SELECT category_id, status, district_id, overdue, sum(n)::int AS n FROM report_map_cells WHERE level = 15 GROUP BY 1, 2, 3, 4
    ), r AS (
      SELECT category_id, status, coalesce(district_id, 0) AS district_id, overdue, count(*)::int AS n FROM reports GROUP BY 1, 2, 3, 4
    )
    SELECT count(*)::int AS groups, count(*) FILTER (WHERE coalesce(g.n, 0) <> coalesce(r.n, 0))::int AS mismatches,
           coalesce(sum(g.n), 0)::int AS grid, coalesce(sum(r.n), 0)::int AS reports
    FROM g FULL JOIN r USING (category_id, status, district_id, overdue)`;
  const { groups, mismatches, grid, reports } = check!;
  log(
    `grid consistent: ${mismatches === 0 ? 'yes' : 'no'} (level 15, sum(n) per (category, status, district, overdue) vs count(*) ` +
      `in reports: ${groups.toLocaleString('en')} groups, ${mismatches} differ; ${grid.toLocaleString('en')} in the grid, ${reports.toLocaleString('en')} reports)`,
  );
}
