import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { Browser, newResident } from '../support/app';
import { placeAt, shortSlaCategory, userIdByEmail } from '../support/reports';

afterAll(closeConnections);

// The product's promise (README, /rewards): 5 points for proposing an idea, 3 for a report a moderator approves
// (POINTS_FOR_IDEA, POINTS_FOR_REPORT at their defaults), each credited once.
const balanceOn = async (browser: Browser) => Number(/data-testid="balance">(-?\d+)</.exec(await (await browser.get('/me/points')).text())![1]);
const credits = (userId: string) => sql<{ delta: number; reason: string; idea_id: number | null; report_id: number | null }[]>`
  SELECT delta, reason, idea_id::int, report_id::int FROM points_ledger WHERE user_id = ${userId} ORDER BY id`;

describe('points for ideas and reports', () => {
  it('credits 5 points once for proposing an idea, shown in the cabinet with the idea', async () => {
    const { browser, email } = await newResident('idea-points');
    const userId = await userIdByEmail(email);
    const title = `Drinking fountains ${randomUUID().slice(0, 6)}`;
    const proposed = await browser.post('/projects/clinics/new', { title, body: 'Drinking fountains in the park, near the playground.', tags: 'water', confirmNew: 'yes' });
    expect(proposed.status).toBe(302);
    const ideaId = Number(/\/ideas\/(\d+)/.exec(proposed.headers.get('Location')!)![1]);
    expect(await credits(userId)).toEqual([{ delta: 5, reason: 'idea', idea_id: ideaId, report_id: null }]);
    expect(await balanceOn(browser)).toBe(5);
    const page = await (await browser.get('/me/points')).text();
    expect(page).toContain(`for proposing the idea “${title}”`);
    expect(page).toContain(`href="/ideas/${ideaId}"`);
  });

  it('credits 3 points once when a moderator approves a report, however often the approval is sent, and none for a rejected one', async () => {
    const { browser, email } = await newResident('report-points');
    const userId = await userIdByEmail(email);
    const category = await shortSlaCategory();
    const file = async (n: number) => {
      const filed = await submitReport(userId, { categoryId: category.id, ...placeAt(200 + n), address: `Points street ${n}`, description: 'A broken bench by the bus stop', confirmNew: 'yes' }, []);
      if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
      return filed.value.reportId;
    };
    const [approved, rejected] = [await file(1), await file(2)];
    expect(await credits(userId)).toEqual([]);

    const moderator = new Browser();
    await moderator.signIn('moderator@demo.vmeste.city');
    const approvals = await Promise.all(Array.from({ length: 5 }, () => moderator.post('/moderation/reports', { intent: 'approve', reportId: String(approved) })));
    expect(approvals.filter((r) => r.status === 302)).toHaveLength(1);
    expect((await moderator.post('/moderation/reports', { intent: 'reject', reportId: String(rejected), reason: 'duplicate' })).status).toBe(302);

    expect(await credits(userId)).toEqual([{ delta: 3, reason: 'report', idea_id: null, report_id: approved }]);
    expect(await balanceOn(browser)).toBe(3);
    expect(await (await browser.get('/me/points')).text()).toContain('for your report at Points street 1, approved');
  });
});
