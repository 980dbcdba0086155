// The address registry's import at /admin/addresses (issue 17, ADR 057), over HTTP as an admin: every bad row named
// by its line and column with nothing written, a dry run that writes nothing, an import that a second run finds
// unchanged, GeoJSON points, the audit entry, and nobody but an admin.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { addresses, auditLog, districts } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { pointInDistrict } from '#db/seed/demo-city';
import { Browser } from '../support/app';

afterAll(closeConnections);

const tag = randomUUID().slice(0, 8);
const header = 'ref,street_ru,street_en,house,latitude,longitude,district';
const [lng, lat] = pointInDistrict('sadovy');
/** A coordinate as a file would carry it. */
const at = (degrees: number) => degrees.toFixed(6);
/** Three good rows: the first two placed in Sadovy by their point, the third given a district by its code. */
const good = [
  `imp-${tag}-1,Проверочная улица,Proverochnaya St,1,${at(lat)},${at(lng)},`,
  `imp-${tag}-2,Проверочная улица,Proverochnaya St,3к1,${at(lat + 0.0005)},${at(lng)},`,
  `imp-${tag}-3,Проверочная улица,Proverochnaya St,5,${at(lat + 0.001)},${at(lng)},tverskoy`,
];
const csv = (rows: string[]) => new File([[header, ...rows].join('\n')], 'addresses.csv', { type: 'text/csv' });

async function upload(browser: Browser, file: File, intent: 'check' | 'import') {
  const form = new FormData();
  form.set('file', file);
  form.set('intent', intent);
  return browser.postMultipart('/admin/addresses', form);
}
const ours = () => db.select().from(addresses).where(like(addresses.ref, `imp-${tag}-%`)).orderBy(addresses.ref);

describe('importing the address registry', () => {
  const admin = new Browser();

  it('names every bad row by its line and column, and writes nothing', async () => {
    await admin.signIn('admin@demo.vmeste.city');
    const rows = [
      good[0]!,
      `imp-${tag}-4,Проверочная улица,Proverochnaya St,7,north,${lng},`,
      `imp-${tag}-5,Проверочная улица,,9,${lat},${lng},`,
      `imp-${tag}-1,Проверочная улица,Proverochnaya St,11,${lat},${lng},`,
      `imp-${tag}-6,Проверочная улица,Proverochnaya St,13,${lat},${lng},no-such-district`,
      `imp ${tag} 7,Проверочная улица,Proverochnaya St,15,${lat},200,`,
    ];
    const refused = await upload(admin, csv(rows), 'import');
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('6 problems: nothing was imported.');
    // The header is line 1, so the rows above are lines 2 to 7.
    expect(html).toContain('Line 3, latitude: ');
    expect(html).toContain('Line 4, street_en: ');
    expect(html).toContain(`Line 5, ref: ref imp-${tag}-1 is also on line 2`);
    expect(html).toContain('Line 6, district: no district has the code no-such-district');
    expect(html).toContain('Line 7, ref: A ref of 1–100 letters');
    expect(html).toContain('Line 7, longitude: ');
    expect(await ours()).toHaveLength(0);

    for (const [file, message] of [
      [new File(['{"type":"Feature"'], 'a.geojson'), 'The file is not valid JSON'],
      [new File(['{"type":"Feature"}'], 'a.geojson'), 'The file must be a GeoJSON FeatureCollection'],
      [new File([header], 'a.csv'), 'The file has no addresses'],
      [new File(['ref,street_ru\n"unclosed,x'], 'a.csv'), '1 problem: nothing was imported.'],
    ] as const) {
      const response = await upload(admin, file, 'import');
      expect(response.status, message).toBe(400);
      expect(await response.text(), message).toContain(message);
    }
    const empty = await upload(admin, new File([], 'none.csv'), 'check');
    expect(empty.status).toBe(400);
  });

  it('checks a good file without writing it, then imports it, and a second import changes nothing', async () => {
    const dry = await upload(admin, csv(good), 'check');
    expect(dry.status).toBe(200);
    expect(await dry.text()).toContain('Checked, nothing written: 3 rows — 3 new, 0 changed, 0 unchanged.');
    expect(await ours()).toHaveLength(0);

    const done = await upload(admin, csv(good), 'import');
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/admin/addresses?rows=3&added=3&changed=0&unchanged=0');
    const rows = await ours();
    const [sadovy] = await db.select().from(districts).where(eq(districts.code, 'sadovy'));
    const [tverskoy] = await db.select().from(districts).where(eq(districts.code, 'tverskoy'));
    expect(rows.map((r) => [r.ref, r.fullRu, r.fullEn, r.districtId])).toEqual([
      [`imp-${tag}-1`, 'Проверочная улица, 1', '1 Proverochnaya St', sadovy!.id],
      [`imp-${tag}-2`, 'Проверочная улица, 3к1', '3к1 Proverochnaya St', sadovy!.id],
      [`imp-${tag}-3`, 'Проверочная улица, 5', '5 Proverochnaya St', tverskoy!.id],
    ]);
    const page = await (await admin.get('/admin/addresses?rows=3&added=3&changed=0&unchanged=0')).text();
    expect(page).toContain('Imported 3 rows: 3 new, 0 changed, 0 unchanged.');
    expect(page).toContain(`imp-${tag}-3`);

    // The same file again: nothing changes; one house renumbered: one change, the rest kept with their ids.
    expect((await upload(admin, csv(good), 'import')).headers.get('Location')).toBe('/admin/addresses?rows=3&added=0&changed=0&unchanged=3');
    const renumbered = [good[0]!.replace(',1,', ',1А,'), good[1]!, good[2]!];
    expect((await upload(admin, csv(renumbered), 'import')).headers.get('Location')).toBe('/admin/addresses?rows=3&added=0&changed=1&unchanged=2');
    const after = await ours();
    expect(after.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(after[0]!.fullRu).toBe('Проверочная улица, 1А');

    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'address.import'), eq(auditLog.targetType, 'address-registry'))).orderBy(auditLog.at);
    expect(audit.slice(-3).map((a) => a.after)).toEqual([
      { rows: 3, added: 3, changed: 0, unchanged: 0, dryRun: false },
      { rows: 3, added: 0, changed: 0, unchanged: 3, dryRun: false },
      { rows: 3, added: 0, changed: 1, unchanged: 2, dryRun: false },
    ]);
  });

  it('imports GeoJSON points, naming a feature that is not one', async () => {
    const feature = (ref: string, geometry: unknown) => ({ type: 'Feature', geometry, properties: { ref, street_ru: 'Геоулица', street_en: 'Geo St', house: '2' } });
    const collection = (features: unknown[]) => new File([JSON.stringify({ type: 'FeatureCollection', features })], 'addresses.geojson', { type: 'application/geo+json' });
    const bad = await upload(admin, collection([feature(`imp-${tag}-g1`, { type: 'Point', coordinates: [lng, lat] }), feature(`imp-${tag}-g2`, { type: 'LineString', coordinates: [[lng, lat], [lng, lat + 0.01]] })]), 'import');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Feature 2, latitude: ');
    expect(await db.select().from(addresses).where(inArray(addresses.ref, [`imp-${tag}-g1`, `imp-${tag}-g2`]))).toHaveLength(0);
    const ok = await upload(admin, collection([feature(`imp-${tag}-g1`, { type: 'Point', coordinates: [lng, lat] })]), 'import');
    expect(ok.headers.get('Location')).toBe('/admin/addresses?rows=1&added=1&changed=0&unchanged=0');
    const [row] = await db.select().from(addresses).where(eq(addresses.ref, `imp-${tag}-g1`));
    expect(row).toMatchObject({ fullEn: '2 Geo St' });
  });

  it('is for admins only', async () => {
    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    expect((await officer.get('/admin/addresses')).status).toBe(403);
    expect((await upload(officer, csv(good), 'import')).status).toBe(403);
  });
});

describe('the address search behind the combobox', () => {
  it('answers bad queries with a 400 naming the field, never a 500', async () => {
    const anyone = new Browser();
    for (const q of ['', 'x', ' y ', 'z'.repeat(101), 'Lesnaya\u0000 12', 'Lesnaya\n12']) {
      const response = await anyone.get(`/addresses.json?${new URLSearchParams({ q })}`);
      expect(response.status, JSON.stringify(q)).toBe(400);
      const body = (await response.json()) as { fields: Record<string, string> };
      expect(Object.keys(body.fields), JSON.stringify(q)).toEqual(['q']);
    }
    expect((await anyone.get('/addresses.json')).status).toBe(400);
    expect((await anyone.get('/addresses.json?q=%E0%A4%A')).status).toBeLessThan(500);
  });

  it('finds an imported address by its street and house, in both languages', async () => {
    const anyone = new Browser();
    for (const q of ['3к1 Proverochnaya', 'Проверочная 3к1']) {
      const response = await anyone.get(`/addresses.json?${new URLSearchParams({ q })}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toContain('application/json');
      const { matches } = (await response.json()) as { matches: { fullRu: string; fullEn: string; lat: number; lng: number }[] };
      expect(matches.length).toBeGreaterThan(0);
      expect(matches.length).toBeLessThanOrEqual(8);
      // Among the best matches, with the point it was imported with.
      const found = matches.find((m) => m.fullRu === 'Проверочная улица, 3к1');
      expect(found).toMatchObject({ fullEn: '3к1 Proverochnaya St' });
      expect(found!.lat).toBeCloseTo(lat + 0.0005, 6);
    }
  });

  it('refuses a burst of searches from one address with a 429 and when to retry', async () => {
    const scraper = new Browser(`10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await scraper.get(`/addresses.json?q=Lesnaya+${i % 24}`)).status);
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    const refused = await scraper.get('/addresses.json?q=Lesnaya');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another address is not held back by it.
    expect((await new Browser().get('/addresses.json?q=Lesnaya')).status).toBe(200);
  });
});
