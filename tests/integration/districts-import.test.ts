import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser } from '../support/app';

afterAll(closeConnections);

const admin = new Browser();
beforeAll(async () => {
  await admin.signIn('admin@demo.vmeste.city');
});

// Small squares far from the demo city, so the import never touches demo districts.
const square = (x: number, y: number, d = 0.01) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const feature = (props: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties: props, geometry });

function upload(content: string) {
  const form = new FormData();
  form.set('geojson', new File([content], 'districts.geojson', { type: 'application/geo+json' }));
  return admin.postMultipart('/admin/districts', form);
}

describe('importing districts from GeoJSON', () => {
  it('imports Polygon and MultiPolygon features as multipolygons, and replaces by code on re-import', async () => {
    const code = `test-${randomUUID().slice(0, 6)}`;
    const collection = {
      type: 'FeatureCollection',
      features: [
        feature({ code: `${code}-a`, name_ru: 'Первый', name_en: 'First' }, { type: 'Polygon', coordinates: square(10, 10) }),
        feature({ code: `${code}-b`, name_ru: 'Второй', name_en: 'Second' }, { type: 'MultiPolygon', coordinates: [square(10.02, 10), square(10.04, 10)] }),
      ],
    };
    const response = await upload(JSON.stringify(collection));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/admin/districts?imported=2');
    const rows = await sql<{ code: string; type: string; parts: number }[]>`
      SELECT code, GeometryType(geom) AS type, ST_NumGeometries(geom) AS parts FROM districts WHERE code LIKE ${`${code}%`} ORDER BY code`;
    expect(rows).toEqual([
      { code: `${code}-a`, type: 'MULTIPOLYGON', parts: 1 },
      { code: `${code}-b`, type: 'MULTIPOLYGON', parts: 2 },
    ]);
    collection.features[0]!.properties.name_en = 'First, renamed';
    expect((await upload(JSON.stringify(collection))).status).toBe(302);
    const [renamed] = await sql<{ name_en: string }[]>`SELECT name_en FROM districts WHERE code = ${`${code}-a`}`;
    expect(renamed?.name_en).toBe('First, renamed');
  });

  it('reports every bad feature by its index and imports nothing', async () => {
    const code = `bad-${randomUUID().slice(0, 6)}`;
    const bowtie = [[[20, 20], [20.01, 20.01], [20.01, 20], [20, 20.01], [20, 20]]];
    const collection = {
      type: 'FeatureCollection',
      features: [
        feature({ code: `${code}-ok`, name_ru: 'Хороший', name_en: 'Good' }, { type: 'Polygon', coordinates: square(20, 21) }),
        feature({ code: `${code}-pt`, name_ru: 'Точка', name_en: 'Point' }, { type: 'Point', coordinates: [20, 20] }),
        feature({ name_en: 'No code' }, { type: 'Polygon', coordinates: square(20, 22) }),
        feature({ code: `${code}-bow`, name_ru: 'Бантик', name_en: 'Bow tie' }, { type: 'Polygon', coordinates: bowtie }),
        feature({ code: `${code}-far`, name_ru: 'Далеко', name_en: 'Far' }, { type: 'Polygon', coordinates: [[[200, 20], [201, 20], [201, 21], [200, 20]]] }),
      ],
    };
    const response = await upload(JSON.stringify(collection));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('features[1]: geometry must be a Polygon or MultiPolygon');
    expect(html).toContain('features[2]: properties code, name_ru and name_en are required');
    expect(html).toMatch(/features\[3\]: the geometry is not valid: Self-intersection/);
    expect(html).toContain('features[4]: coordinates must be longitude/latitude pairs');
    expect(html).not.toContain('features[0]');
    const [count] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM districts WHERE code LIKE ${`${code}%`}`;
    expect(count?.n).toBe(0);
  });

  it('lets PostGIS judge the geometry: a self-intersecting polygon is refused with the reason', async () => {
    const code = `bow-${randomUUID().slice(0, 6)}`;
    const bowtie = [[[30, 30], [30.01, 30.01], [30.01, 30], [30, 30.01], [30, 30]]];
    const response = await upload(JSON.stringify({ type: 'FeatureCollection', features: [feature({ code, name_ru: 'Бантик', name_en: 'Bow tie' }, { type: 'Polygon', coordinates: bowtie })] }));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/features\[0\]: the geometry is not valid: Self-intersection/);
  });

  it('says clearly when the file is not JSON or not a FeatureCollection, or when no file is chosen', async () => {
    expect(await (await upload('{ not json')).text()).toContain('The file is not valid JSON');
    expect(await (await upload(JSON.stringify({ type: 'Feature' }))).text()).toContain('must be a GeoJSON FeatureCollection');
    const form = new FormData();
    const empty = await admin.postMultipart('/admin/districts', form);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Choose a file');
  });
});
