// The places a real browser renders people's text on the client: the report page once hydrated (its data travels
// in an inline script, so an answer quoting "</script>" is the test), the departments' league chart (SVG drawn by
// recharts) and the map's popups. tests/integration/xss.test.ts reads every other place as HTML and data.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { saveDepartment } from '#app/modules/city/save-department.server';
import { answerReport } from '#app/modules/reports/answer-report.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { placeIn, shortSlaCategory, userIdByEmail } from '../support/reports';
import { newSession } from './browser';

let reportId = 0;
let categoryId = 0;
beforeAll(async () => {
  // A department and a report whose every text carries a payload, set up through the use-cases.
  const admin = await userIdByEmail('admin@demo.vmeste.city');
  const kind = `xss-e2e-${Date.now().toString(36)}`;
  const [district] = await sql<{ id: number }[]>`SELECT id::int FROM districts WHERE code = 'zavodskoy'`;
  const name = `Works" onmouseover="window.__xss=1" x='javascript:window.__xss=1'`;
  const department = await saveDepartment(admin, { nameRu: name, nameEn: name, kind, email: `${kind}@city.test`, districtIds: [district!.id] });
  if (!department.ok) throw new Error('department not saved');
  categoryId = (await shortSlaCategory({ kind })).id;
  const author = await userIdByEmail('resident@demo.vmeste.city');
  const submitted = await submitReport(author, { categoryId, ...placeIn('zavodskoy'), address: 'Zavodskaya 9', description: 'Sign reads "><img src=x onerror=window.__xss=1><svg onload=alert(1)></textarea>', confirmNew: 'yes' }, []);
  if (!submitted.ok) throw new Error('report not submitted');
  reportId = submitted.value.reportId;
  await moderateReport(await userIdByEmail('moderator@demo.vmeste.city'), { intent: 'approve', reportId });
  await routeReport(reportId);
  const answered = await answerReport(admin, [department.value.id], reportId, 'Fixed. </script><script>window.__xss=1;alert(2)</script><img src=x onerror=alert(3)>', []);
  if (!answered.ok) throw new Error('report not answered');
});

describe('people\'s text in a real browser', () => {
  it('runs no script from a report, its answer, a department\'s name or the map, and opens no dialog', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    /** Nothing of the payloads ran or became an element on the page as it is now. */
    const expectInert = async (where: string) => {
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), where).toBeUndefined();
      expect(await page.locator('img[src="x"], svg[onload], [onmouseover]').count(), where).toBe(0);
    };
    await page.goto(`/reports/${reportId}`);
    await page.waitForFunction(() => (window as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await expect.poll(() => page.locator('.report-text').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('</script><script>window.__xss=1')]));
    await expectInert('the report page');
    await page.goto('/departments');
    await page.locator('.recharts-surface').first().waitFor();
    await expectInert('the departments\' league');
    await page.goto(`/reports?category=${categoryId}`);
    await page.locator('.leaflet-interactive').first().click();
    await page.locator('.leaflet-popup-content a').waitFor();
    await expectInert('the map and its popup');
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });
});
