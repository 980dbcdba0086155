import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { mapFeatures } from '#app/modules/reports/queries.server';
import { at } from '#db/seed/demo-city';
import { Browser } from '../support/app';
import { shortSlaCategory } from '../support/reports';

afterAll(closeConnections);

const city = { west: 37.35, south: 55.6, east: 37.9, north: 55.9 };

/** n public reports of one category around a point, written in one statement (as a bulk load would). */
async function scatter(categoryId: number, n: number, [lng, lat]: [number, number], spread: number) {
  await db.execute(sql`
    INSERT INTO reports (category_id, location, address, description, status, moderation_due_at, district_id)
    SELECT ${categoryId}, ST_SetSRID(ST_MakePoint(${lng} + (random() - 0.5) * ${spread}, ${lat} + (random() - 0.5) * ${spread}), 4326),
           'Map test', 'Generated for the map test', 'closed', now(), NULL
    FROM generate_series(1, ${n})`);
}

describe('the public map', () => {
  it('clusters a city-wide view from the grid and counts every report once', async () => {
    const category = await shortSlaCategory();
    await scatter(category.id, 700, at(0, 0), 0.2);
    const features = await mapFeatures({ ...city, zoom: 11 }, { categoryId: category.id });
    expect(features.every((f) => f.type === 'cluster')).toBe(true);
    expect(features.reduce((n, f) => n + (f.type === 'cluster' ? f.count : 0), 0)).toBe(700);
    expect(features.length).toBeGreaterThan(1);
    expect(features.length).toBeLessThan(200);
  });

  it('shows points, not clusters, when at most 500 are in view', async () => {
    const category = await shortSlaCategory();
    await scatter(category.id, 40, at(6, 200), 0.002);
    const [lng, lat] = at(6, 200);
    const features = await mapFeatures({ west: lng - 0.01, south: lat - 0.01, east: lng + 0.01, north: lat + 0.01, zoom: 16 }, { categoryId: category.id });
    expect(features).toHaveLength(40);
    expect(features.every((f) => f.type === 'point')).toBe(true);
  });

  it('clusters a street view with more than 500 reports in it: each one inside counted once, none from the rest of its columns or rows', async () => {
    const category = await shortSlaCategory();
    const [lng, lat] = at(8, 40);
    // About a 1280×800 px screen at zoom 16 here.
    const view = { west: lng - 0.0137, south: lat - 0.0048, east: lng + 0.0137, north: lat + 0.0048, zoom: 16 };
    await scatter(category.id, 600, [lng, lat], 0.006);
    await scatter(category.id, 30, [lng, lat + 0.05], 0.006); // the same columns, north of the view
    await scatter(category.id, 40, [lng - 0.05, lat], 0.006); // the same rows, west of it
    const count = (features: { type: string; count?: number }[]) => features.reduce((n, f) => n + (f.count ?? 0), 0);
    const features = await mapFeatures(view, { categoryId: category.id });
    expect(features.every((f) => f.type === 'cluster')).toBe(true);
    expect(count(features)).toBe(600);
    // A view far wider than any screen at that zoom (2,900 columns of the finest grid) is answered too, over HTTP.
    const wide = await new Browser().get(`/reports/map.json?west=${lng - 1}&south=${view.south}&east=${lng + 1}&north=${view.north}&zoom=16&category=${category.id}`);
    expect(wide.status).toBe(200);
    expect(count(((await wide.json()) as { features: { type: string; count?: number }[] }).features)).toBe(640);
  });

  it('keeps the grid equal to the reports, whatever changed (one snapshot)', async () => {
    const category = await shortSlaCategory();
    await scatter(category.id, 50, at(9, 100), 0.05);
    // Move some, close some, delete some: the triggers must follow.
    await db.execute(sql`UPDATE reports SET location = ST_SetSRID(ST_MakePoint(ST_X(location) + 0.05, ST_Y(location)), 4326), status = 'arbitration', overdue = true
      WHERE id IN (SELECT id FROM reports WHERE category_id = ${category.id} LIMIT 20)`);
    await db.execute(sql`DELETE FROM reports WHERE id IN (SELECT id FROM reports WHERE category_id = ${category.id} LIMIT 5)`);
    const [row] = await db.execute<{ mismatches: number; levels: number[] }>(sql`
      WITH a AS (SELECT category_id, status, coalesce(district_id, 0) AS d, overdue, count(*)::int AS n FROM reports GROUP BY 1, 2, 3, 4),
           b AS (SELECT level, category_id, status, district_id AS d, overdue, sum(n)::int AS n FROM report_map_cells GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
           levels AS (SELECT DISTINCT level FROM report_map_cells)
      SELECT (SELECT count(*)::int FROM levels l CROSS JOIN a FULL JOIN b ON b.level = l.level AND (b.category_id, b.status, b.d, b.overdue) = (a.category_id, a.status, a.d, a.overdue)
              WHERE a.n IS DISTINCT FROM b.n) AS mismatches,
             (SELECT array_agg(level ORDER BY level)::int[] FROM levels) AS levels`);
    expect(row?.levels).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(row?.mismatches).toBe(0);
  });

  it('gives the same answer for the same tile-aligned view (cacheable) over HTTP', async () => {
    const category = await shortSlaCategory();
    await scatter(category.id, 600, at(4, 300), 0.1);
    const browser = new Browser();
    const url = `/reports/map.json?west=${city.west}&south=${city.south}&east=${city.east}&north=${city.north}&zoom=11&category=${category.id}`;
    const first = await (await browser.get(url)).json();
    const again = await (await browser.get(url)).json();
    expect(again).toEqual(first);
    expect((first as { features: { count: number }[] }).features.reduce((n, f) => n + f.count, 0)).toBe(600);
  });
});
