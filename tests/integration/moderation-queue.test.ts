// The moderators' queue is filtered and paged by the database: a backlog of approved reports waiting to be routed
// (still "submitted") must never push a new report out of sight, and every waiting report is reachable page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { translator } from '#app/utils/i18n.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, newResident } from '../support/app';
import { placeIn, shortSlaCategory, userIdByEmail } from '../support/reports';

const moderator = new Browser();
const arbiter = new Browser();
const en = translator('en');
/** Text as React writes it into HTML. */
const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');
const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
let authorId: string;

/** One waiting report in a district, created `ageMinutes` ago, with its district known as at submission. */
async function insertInDistrict(categoryId: number, code: string, ageMinutes: number, status = 'submitted'): Promise<number> {
  const { lat, lng } = placeIn(code);
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO reports (author_id, category_id, location, address, description, moderation_due_at, created_at, district_id, status, arbitration_kind)
    VALUES (${authorId}, ${categoryId}, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), ${`${code} street`}, 'A report in the moderation queue test',
      now() + interval '1 day', now() - make_interval(mins => ${ageMinutes}), (SELECT id FROM districts WHERE code = ${code}), ${status},
      ${status === 'arbitration' ? 'unroutable' : null})
    RETURNING id::int`;
  return row!.id;
}

const districtId = async (code: string) => (await sql<{ id: number }[]>`SELECT id FROM districts WHERE code = ${code}`)[0]!.id;

/** Inserts `count` reports of a category, created `ageMinutes` ago one second apart; approved ones wait for routing. */
async function insertReports(categoryId: number, count: number, ageMinutes: number, approved: boolean): Promise<number[]> {
  const { lat, lng } = placeIn('centralny');
  const rows = await sql<{ id: number }[]>`
    INSERT INTO reports (author_id, category_id, location, address, description, moderation_due_at, moderated_at, created_at)
    SELECT ${authorId}, ${categoryId}, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), 'Queue street ' || n, 'A report in the moderation queue test',
      now() + interval '1 day', ${approved ? sql`now() - interval '1 minute'` : sql`NULL`}, now() - make_interval(mins => ${ageMinutes}) + make_interval(secs => n)
    FROM generate_series(1, ${count}) AS n RETURNING id::int`;
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** The report numbers a queue page lists, in order, and where its "next page" link points. */
async function queuePage(path: string): Promise<{ status: number; ids: number[]; next: string | null; body: string }> {
  const response = await moderator.get(path);
  const body = await response.text();
  // Each report of the queue is an h2 linking to it (ReportQueue).
  const ids = [...body.matchAll(/<h2><a [^>]*href="\/reports\/(\d+)"/g)].map((m) => Number(m[1]));
  const nextTag = /<a [^>]*rel="next"[^>]*>/.exec(body)?.[0];
  const next = nextTag ? /href="([^"]*)"/.exec(nextTag)![1]!.replaceAll('&amp;', '&') : null;
  return { status: response.status, ids, next, body };
}

beforeAll(async () => {
  await moderator.signIn('moderator@demo.vmeste.city');
  await arbiter.signIn('arbiter@demo.vmeste.city');
  // Not a demo account: the stats test checks that no demo person's report predates them.
  authorId = await userIdByEmail((await newResident('moderation-queue')).email);
});
afterAll(closeConnections);

describe('the moderation queue', () => {
  it('shows a new report behind a backlog of more than 100 approved reports waiting to be routed', async () => {
    const category = await shortSlaCategory();
    // Older than anything else waiting, so they fill the first hundred places of an oldest-first list.
    await insertReports(category.id, 120, 60 * 24 * 365, true);
    const [fresh] = await insertReports(category.id, 1, 0, false);

    const filtered = await queuePage(`/moderation/reports?category=${category.id}`);
    expect(filtered.status).toBe(200);
    expect(filtered.ids).toEqual([fresh]);

    // Unfiltered, page by page: it is on one of them, and no page lists an approved report.
    const seen: number[] = [];
    let path: string | null = '/moderation/reports';
    for (let pages = 0; path && pages < 500; pages++) {
      const page = await queuePage(path);
      expect(page.status, path).toBe(200);
      expect(page.ids.length, path).toBeLessThanOrEqual(20);
      seen.push(...page.ids);
      path = page.next;
    }
    expect(seen).toContain(fresh);
    const approvedSeen = await sql`SELECT 1 FROM reports WHERE id = ANY(${seen}::bigint[]) AND moderated_at IS NOT NULL`;
    expect(approvedSeen).toHaveLength(0);
  });

  it('pages a category 20 at a time, oldest first, with a link to the next page only while there is one', async () => {
    const category = await shortSlaCategory();
    const waiting = await insertReports(category.id, 25, 60, false);
    const first = await queuePage(`/moderation/reports?category=${category.id}`);
    expect(first.ids).toEqual(waiting.slice(0, 20));
    expect(first.next).toBe(`/moderation/reports?category=${category.id}&page=2`);
    const second = await queuePage(first.next!);
    expect(second.ids).toEqual(waiting.slice(20));
    expect(second.next).toBeNull();
    expect(second.body).toContain('rel="prev"');
  });

  it('answers 400 with the field named for a filter or page it cannot read', async () => {
    for (const query of ['category=abc', 'category=99999999999']) {
      const page = await queuePage(`/moderation/reports?${query}`);
      expect(page.status, query).toBe(400);
      expect(page.body, query).toMatch(/<div class="error-summary"[\s\S]*<a href="#field-category">/);
    }
    for (const query of ['page=0', 'page=-1', 'page=abc', 'page=99999']) {
      const page = await queuePage(`/moderation/reports?${query}`);
      expect(page.status, query).toBe(400);
      expect(page.body, query).toMatch(/<div class="error-summary"/);
      expect(['en', 'ru'].some((l) => page.body.includes(translator(l as 'en')('errors.number'))), query).toBe(true);
    }
  });

  it('filters by district and by how long a report has waited, and keeps every filter in the page links', async () => {
    const category = await shortSlaCategory();
    const oldCentral = [await insertInDistrict(category.id, 'centralny', 60 * 50), await insertInDistrict(category.id, 'centralny', 60 * 49)];
    const freshCentral = await insertInDistrict(category.id, 'centralny', 5);
    const oldNorth = await insertInDistrict(category.id, 'severny', 60 * 80);
    const central = await districtId('centralny');
    expect((await queuePage(`/moderation/reports?category=${category.id}`)).ids).toEqual([oldNorth, ...oldCentral, freshCentral]);
    expect((await queuePage(`/moderation/reports?category=${category.id}&district=${central}`)).ids).toEqual([...oldCentral, freshCentral]);
    expect((await queuePage(`/moderation/reports?category=${category.id}&district=${central}&age=1d`)).ids).toEqual(oldCentral);
    expect((await queuePage(`/moderation/reports?category=${category.id}&age=3d`)).ids).toEqual([oldNorth]);
    const none = await queuePage(`/moderation/reports?category=${category.id}&district=${central}&age=7d`);
    expect(none.ids).toEqual([]);
    expect(none.body).toContain(html(en('reports.filteredNone')));
    const bad = await queuePage('/moderation/reports?age=forever');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/<div class="error-summary"[\s\S]*<a href="#field-age">/);

    // 25 in one district: the next page keeps the district and the age.
    const many = await shortSlaCategory();
    for (let i = 0; i < 25; i++) await insertInDistrict(many.id, 'sadovy', 60 * 30 - i);
    const first = await queuePage(`/moderation/reports?category=${many.id}&district=${await districtId('sadovy')}&age=1d`);
    expect(first.ids).toHaveLength(20);
    expect(first.next).toBe(`/moderation/reports?category=${many.id}&district=${await districtId('sadovy')}&age=1d&page=2`);
    expect((await queuePage(first.next!)).ids).toHaveLength(5);
  });

  it('shows each report with the resident’s photos and a static sketch of its pin, and offers no preselected reject reason', async () => {
    const category = await shortSlaCategory();
    const id = await insertInDistrict(category.id, 'lesnoy', 10);
    const [photo] = await sql<{ id: number }[]>`INSERT INTO report_photos (report_id, mime_type, width, height, data) VALUES (${id}, 'image/jpeg', 4, 3, ${jpegBytes}) RETURNING id::int`;
    const [answerPhoto] = await sql<{ id: number }[]>`INSERT INTO report_photos (report_id, answer_id, mime_type, width, height, data) VALUES (${id}, 1, 'image/jpeg', 4, 3, ${jpegBytes}) RETURNING id::int`;
    const page = await queuePage(`/moderation/reports?category=${category.id}`);
    expect(page.ids).toEqual([id]);
    expect(page.body).toContain(`src="/media/report-photos/${photo!.id}"`);
    expect(page.body).toContain(`alt="${en('reports.photoOf', { n: 1, id })}"`);
    expect(page.body).not.toContain(`/media/report-photos/${answerPhoto!.id}"`);
    // The sketch: an SVG of the districts with the pin's district shaded, named for a screen reader.
    const sketch = /<svg class="pin-sketch"[^>]*>([\s\S]*?)<\/svg>/.exec(page.body);
    expect(sketch, 'pin sketch').not.toBeNull();
    expect(sketch![0]).toContain('Lesnoy');
    expect(sketch![1]!.match(/<path /g)!.length).toBeGreaterThanOrEqual(12);
    expect(sketch![1]!.match(/pin-sketch__district--pin/g)).toHaveLength(1);
    expect(sketch![1]).toMatch(/<ellipse /);
    expect(page.body).toMatch(new RegExp(`<select[^>]*id="reason-${id}"[^>]*><option value="" selected="">${en('reports.chooseReason')}</option>`));
  });

  it('refuses a rejection without a reason, beside the field, and keeps the report waiting', async () => {
    const category = await shortSlaCategory();
    const id = await insertInDistrict(category.id, 'centralny', 10);
    // Posted from the page filtered to its category, as the form does (it posts to the page's own address).
    const refused = await moderator.post(`/moderation/reports?category=${category.id}`, { reportId: String(id), intent: 'reject', reason: '', note: 'typed note' });
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(body).toContain(`<a href="#reason-${id}">${en('reports.rejectReason')}: ${en('errors.choice')}</a>`);
    expect(body).toMatch(new RegExp(`<select[^>]*aria-invalid="true"[^>]*id="reason-${id}"|<select[^>]*id="reason-${id}"[^>]*aria-invalid="true"`));
    expect(body).toContain('value="typed note"');
    expect((await sql`SELECT status FROM reports WHERE id = ${id}`)[0]!.status).toBe('submitted');
  });

  it('moves the pin on approval only with both coordinates inside the city, and audits where it was and where it went', async () => {
    const category = await shortSlaCategory();
    const id = await insertInDistrict(category.id, 'centralny', 10);
    const [before] = await sql<{ lat: number; lng: number }[]>`SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM reports WHERE id = ${id}`;
    const approve = (fields: Record<string, string>) => moderator.post(`/moderation/reports?category=${category.id}`, { reportId: String(id), intent: 'approve', categoryId: '', ...fields });

    const half = await approve({ lat: '55.75', lng: '' });
    expect(half.status).toBe(400);
    expect(await half.text()).toContain(`<a href="#lng-${id}">${en('reports.longitude')}: ${en('reports.bothCoordinates')}</a>`);
    const outside = await approve({ lat: '10.5', lng: '10.5' });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain(html(en('reports.outsideCity')));
    const garbage = await approve({ lat: '55,75', lng: '37.6' });
    expect(garbage.status).toBe(400);
    expect((await sql`SELECT moderated_at FROM reports WHERE id = ${id}`)[0]!.moderated_at).toBeNull();

    const target = placeIn('zarechny');
    const moved = await approve({ lat: target.lat.toFixed(6), lng: target.lng.toFixed(6) });
    expect(moved.status).toBe(302);
    const [after] = await sql<{ lat: number; lng: number }[]>`SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM reports WHERE id = ${id}`;
    expect(after!.lat).toBeCloseTo(target.lat, 6);
    expect(after!.lng).toBeCloseTo(target.lng, 6);
    const [audit] = await sql<{ before: { lat: number; lng: number }; after: { lat: number; lng: number } }[]>`
      SELECT before, after FROM audit_log WHERE action = 'report.approve' AND target_id = ${String(id)}`;
    expect(audit!.before.lat).toBeCloseTo(before!.lat, 6);
    expect(audit!.before.lng).toBeCloseTo(before!.lng, 6);
    expect(audit!.after.lat).toBeCloseTo(target.lat, 6);
    expect(audit!.after.lng).toBeCloseTo(target.lng, 6);
    const [event] = await sql<{ data: { corrected: string[] } }[]>`SELECT data FROM report_events WHERE report_id = ${id} AND kind = 'approved'`;
    expect(event!.data.corrected).toEqual(['location']);
  });

  it('the control desk offers no preselected department and refuses a reassignment without one', async () => {
    const category = await shortSlaCategory();
    const id = await insertInDistrict(category.id, 'centralny', 10, 'arbitration');
    const page = await (await arbiter.get('/control-desk')).text();
    expect(page).toMatch(new RegExp(`<select[^>]*id="department-${id}"[^>]*><option value="" selected="">${en('reports.chooseDepartment')}</option>`));
    const refused = await arbiter.post('/control-desk', { reportId: String(id), intent: 'reassign', departmentId: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(`<a href="#department-${id}">${en('reports.reassignTo')}: ${en('errors.choice')}</a>`);
    expect((await sql`SELECT status FROM reports WHERE id = ${id}`)[0]!.status).toBe('arbitration');
  });
});
