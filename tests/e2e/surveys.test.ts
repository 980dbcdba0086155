import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { cityTime, expectAccessible, newSession, screenshot, signIn, visit } from './browser';

describe('a survey, from the builder to the results', () => {
  it('admin builds a survey with a branch; one resident answers with JavaScript, another without, taking the branch; the results count both', async () => {
    const admin = await newSession({ locale: 'en-GB' });
    await signIn(admin.page, 'admin@demo.vmeste.city');
    await visit(admin.page, '/admin/surveys');
    await admin.page.getByLabel('Title in Russian').fill('Велосипеды в районе');
    await admin.page.getByLabel('Title in English').fill('Cycling in the district');
    await admin.page.getByLabel('Description in Russian').fill('Где нужны велодорожки?');
    await admin.page.getByLabel('Description in English').fill('Where are bike lanes needed?');
    await admin.page.getByLabel('Opens (city time)').fill(cityTime(Date.now() - 60_000));
    await admin.page.getByLabel('Closes (city time)').fill(cityTime(Date.now() + 3_600_000));
    await admin.page.getByRole('button', { name: 'Create the survey' }).click();
    await admin.page.waitForURL(/\/admin\/surveys\/\d+$/);
    const surveyId = Number(/\/admin\/surveys\/(\d+)$/.exec(admin.page.url())![1]);
    await expectAccessible(admin.page, '/admin/surveys/:id');

    const addQuestion = async (fields: { kind: string; en: string; ru: string; options?: string; rows?: string; scale?: string; showIf?: string; page?: string }) => {
      if (fields.page) await admin.page.getByLabel('Page', { exact: true }).first().selectOption(fields.page);
      await admin.page.getByLabel('Kind').selectOption({ label: fields.kind });
      await admin.page.getByLabel('Question in Russian').fill(fields.ru);
      await admin.page.getByLabel('Question in English').fill(fields.en);
      await admin.page.getByLabel('Options, one per line: Русский | English').fill(fields.options ?? '');
      await admin.page.getByLabel('Matrix rows, one per line: Русский | English').fill(fields.rows ?? '');
      if (fields.scale) await admin.page.getByLabel('Scale (scale and matrix)').selectOption(fields.scale);
      await admin.page.getByLabel('Show only if (e.g. q1=o2,o3)').fill(fields.showIf ?? '');
      await admin.page.getByRole('button', { name: 'Add a question' }).click();
    };
    // A choice question with one option is refused with its message.
    await addQuestion({ kind: 'Single choice', ru: 'Ездите ли вы на велосипеде?', en: 'Do you cycle?', options: 'Да | Yes' });
    await admin.page.locator('.error-summary').waitFor();
    expect(await admin.page.title()).toMatch(/^Error: /);
    await expectAccessible(admin.page, '/admin/surveys/:id (errors)');
    await addQuestion({ kind: 'Single choice', ru: 'Ездите ли вы на велосипеде?', en: 'Do you cycle?', options: 'Да | Yes\nНет | No' });
    await admin.page.getByTestId('question-q1').waitFor();
    await addQuestion({ kind: 'Scale', ru: 'Порекомендуете ли район?', en: 'Would you recommend the district?', scale: '0-10' });
    await admin.page.getByTestId('question-q2').waitFor();
    for (const [ru, en] of [['Маршрут', 'Your route'], ['Оценки', 'Ratings']]) {
      await admin.page.locator('#section-titleRu').fill(ru!);
      await admin.page.locator('#section-titleEn').fill(en!);
      await admin.page.getByRole('button', { name: 'Add a page' }).click();
      await admin.page.getByRole('heading', { name: new RegExp(en!) }).waitFor();
    }
    await addQuestion({ page: 's2', kind: 'Long text', ru: 'Каким путём вы ездите?', en: 'Which way do you ride?', showIf: 'q1=o1' });
    await admin.page.getByTestId('question-q3').waitFor();
    await addQuestion({ page: 's2', kind: 'A point on the map', ru: 'Где вы оставляете велосипед?', en: 'Where do you leave your bike?' });
    await admin.page.getByTestId('question-q4').waitFor();
    await addQuestion({ page: 's2', kind: 'Photo', ru: 'Фото вашей стоянки', en: 'A photo of where you park' });
    await admin.page.getByTestId('question-q5').waitFor();
    await addQuestion({ page: 's3', kind: 'Matrix (rows × scale)', ru: 'Оцените', en: 'Rate the streets', rows: 'Безопасность | Safety\nОсвещение | Lighting', scale: '1-5' });
    await admin.page.getByTestId('question-q6').waitFor();
    await addQuestion({ page: 's3', kind: 'Ranking', ru: 'Что важнее?', en: 'What matters most?', options: 'Дорожки | Lanes\nПарковки | Racks\nСвет | Lights' });
    await admin.page.getByTestId('question-q7').waitFor();
    await admin.page.locator('#jump-sectionId').selectOption('s1');
    await admin.page.getByLabel('Question (e.g. q1)').fill('q1');
    await admin.page.getByLabel('Answer (e.g. o2)').fill('o2');
    await admin.page.getByLabel('Go to (a page id, e.g. s3, or end)').fill('s3');
    await admin.page.getByRole('button', { name: 'Add a jump' }).click();
    await admin.page.getByText('If q1 «Do you cycle?» is o2, go to s3').waitFor();
    await admin.page.getByRole('button', { name: 'Publish' }).click();
    await admin.page.getByText('Published', { exact: true }).first().waitFor();
    await expectAccessible(admin.page, '/admin/surveys/:id (published)');
    await screenshot(admin.page, 'survey-builder');

    // With JavaScript: yes, so the route page, then the ratings.
    const a = await newSession({ locale: 'en-GB' });
    await signIn(a.page, 'resident@demo.vmeste.city');
    await visit(a.page, '/surveys');
    await a.page.getByRole('link', { name: 'Cycling in the district' }).click();
    await a.page.getByRole('link', { name: 'Start the survey' }).click();
    await a.page.waitForURL(`**/surveys/${surveyId}?section=s1`);
    await expectAccessible(a.page, '/surveys/:id?section=s1');
    await a.page.getByRole('button', { name: 'Continue' }).click();
    await a.page.locator('.error-summary').waitFor();
    await expectAccessible(a.page, '/surveys/:id (errors)');
    await a.page.getByLabel('Yes').check();
    await a.page.getByLabel('9', { exact: true }).check();
    await a.page.getByRole('button', { name: 'Continue' }).click();
    await a.page.waitForURL(`**/surveys/${surveyId}?section=s2`);
    await a.page.getByLabel(/Which way do you ride\?/).fill('Along the river embankment');
    // The point: a click on the map fills the latitude and longitude fields (which also work without JavaScript).
    await expectAccessible(a.page, '/surveys/:id?section=s2 (map and photo)');
    const point = a.page.getByRole('group', { name: /Where do you leave your bike\?/ });
    await point.locator('.leaflet-container').click({ position: { x: 120, y: 90 } });
    await expect.poll(async () => point.getByLabel('Latitude').inputValue()).toMatch(/^5\d\.\d{6}$/);
    expect(await point.getByLabel('Longitude').inputValue()).toMatch(/^3\d\.\d{6}$/);
    // The photo: a real picture through Chromium's file input.
    const picture = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    await a.page.getByLabel(/A photo of where you park/).setInputFiles({ name: 'parking.jpg', mimeType: 'image/jpeg', buffer: picture });
    await a.page.getByRole('button', { name: 'Continue' }).click();
    await a.page.waitForURL(`**/surveys/${surveyId}?section=s3`);
    await expectAccessible(a.page, '/surveys/:id?section=s3');
    await a.page.getByRole('group', { name: 'Safety' }).getByLabel('2', { exact: true }).check();
    await a.page.getByRole('group', { name: 'Lighting' }).getByLabel('4', { exact: true }).check();
    await a.page.getByLabel('Place of “Lanes”').selectOption('1');
    await a.page.getByLabel('Place of “Racks”').selectOption('3');
    await a.page.getByLabel('Place of “Lights”').selectOption('2');
    await screenshot(a.page, 'survey-section');
    await a.page.getByRole('button', { name: 'Send my answers' }).click();
    await a.page.getByTestId('survey-sent').waitFor();
    await expectAccessible(a.page, '/surveys/:id (sent)');
    expect(a.problems).toEqual([]);

    // Without JavaScript: no, so the jump skips the route page.
    const b = await newSession({ javaScriptEnabled: false, locale: 'en-GB' });
    await signIn(b.page, 'newcomer@demo.vmeste.city');
    await b.page.goto(`/surveys/${surveyId}`);
    await b.page.getByRole('link', { name: 'Start the survey' }).click();
    await b.page.getByLabel('No', { exact: true }).check();
    await b.page.getByLabel('3', { exact: true }).check();
    await b.page.getByRole('button', { name: 'Continue' }).click();
    await b.page.waitForURL(`**/surveys/${surveyId}?section=s3`);
    await b.page.getByRole('button', { name: 'Send my answers' }).click();
    expect(await b.page.title()).toMatch(/^Error: /);
    await b.page.getByRole('group', { name: 'Safety' }).getByLabel('5', { exact: true }).check();
    await b.page.getByRole('group', { name: 'Lighting' }).getByLabel('5', { exact: true }).check();
    await b.page.getByLabel('Place of “Lanes”').selectOption('2');
    await b.page.getByLabel('Place of “Racks”').selectOption('1');
    await b.page.getByLabel('Place of “Lights”').selectOption('3');
    await b.page.getByRole('button', { name: 'Send my answers' }).click();
    await b.page.getByTestId('survey-sent').waitFor();
    expect(b.problems).toEqual([]);

    await visit(admin.page, `/admin/surveys/${surveyId}/results`);
    expect(await admin.page.getByTestId('responses').textContent()).toBe('2 responses');
    expect(await admin.page.getByTestId('cross-tab').locator('tbody tr').first().textContent()).toContain('Yes');
    // The one photo answer, as a thumbnail the staff can open: the picture itself loads (80 × 60, as sent).
    const photos = admin.page.getByTestId('photos-q5');
    const thumbnail = photos.getByRole('img', { name: 'Photo answer 1 to question q5 (opens full size)' });
    await thumbnail.scrollIntoViewIfNeeded();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(80);
    expect(await photos.getByRole('link').count()).toBe(1);
    const fullSize = await admin.page.request.get((await photos.getByRole('link').getAttribute('href'))!);
    expect({ status: fullSize.status(), type: fullSize.headers()['content-type'] }).toEqual({ status: 200, type: 'image/jpeg' });
    await screenshot(admin.page, 'survey-results');
    expect(admin.problems).toEqual([]);
    await Promise.all([admin.context.close(), a.context.close(), b.context.close()]);
  }, 240_000);
});
