// The moderators' queue is filtered and paged by the database: a backlog of approved reports waiting to be routed
// (still "submitted") must never push a new report out of sight, and every waiting report is reachable page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { translator } from '#app/utils/i18n.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, newResident } from '../support/app';
import { placeIn, shortSlaCategory, userIdByEmail } from '../support/reports';

const moderator = new Browser();
let authorId: string;

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
});
