import { asc, count, sql } from 'drizzle-orm';
import { categories, departmentDistricts, departments, districts, holidays } from '#db/schema/index';
import { db } from '#app/utils/db.server';

/** How many districts the city has: a form with a field or two per district sizes its body cap by it. */
export async function countDistricts(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(districts);
  return row!.n;
}

export async function listDistricts() {
  return db
    .select({
      id: districts.id,
      code: districts.code,
      nameRu: districts.nameRu,
      nameEn: districts.nameEn,
      areaKm2: sql<number>`round((ST_Area(${districts.geom}::geography) / 1e6)::numeric, 1)::float8`,
    })
    .from(districts)
    .orderBy(asc(districts.nameEn));
}

export async function listDepartments() {
  const [rows, covers] = await Promise.all([
    db.select().from(departments).orderBy(asc(departments.kind), asc(departments.nameEn)),
    db.select().from(departmentDistricts),
  ]);
  return rows.map((d) => ({ ...d, districtIds: covers.filter((c) => c.departmentId === d.id).map((c) => c.districtId) }));
}

export async function listCategories() {
  return db.select().from(categories).orderBy(asc(categories.groupEn), asc(categories.nameEn));
}

export async function listHolidays() {
  return db.select().from(holidays).orderBy(asc(holidays.day));
}

/** Counts for the home page. */
export async function cityFigures() {
  const [[d], [dep], [c]] = await Promise.all([
    db.select({ n: count() }).from(districts),
    db.select({ n: count() }).from(departments),
    db.select({ n: count() }).from(categories),
  ]);
  return { districts: d?.n ?? 0, departments: dep?.n ?? 0, categories: c?.n ?? 0 };
}

export type CityOutline = { west: number; south: number; east: number; north: number; districts: { id: number; path: string }[] };

/**
 * The districts as SVG paths (PostGIS ST_AsSVG: x = longitude, y = −latitude), simplified to about 100 m, with the
 * city's bounding box: enough for a small static map of a pin that needs no tile server. Read at most once a minute.
 */
let outlineCache: { at: number; outline: CityOutline } | null = null;
export async function cityOutline(): Promise<CityOutline> {
  if (outlineCache && Date.now() - outlineCache.at < 60_000) return outlineCache.outline;
  const [rows, [box]] = await Promise.all([
    db.execute<{ id: number; path: string }>(sql`SELECT id, ST_AsSVG(ST_SimplifyPreserveTopology(geom, 0.001), 0, 4) AS path FROM districts ORDER BY id`),
    db.execute<{ west: number; south: number; east: number; north: number }>(sql`
      SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north FROM (SELECT ST_Extent(geom)::geometry AS e FROM districts) x`),
  ]);
  const outline = { west: box?.west ?? 0, south: box?.south ?? 0, east: box?.east ?? 0, north: box?.north ?? 0, districts: [...rows] };
  outlineCache = { at: Date.now(), outline };
  return outline;
}
