// Surveys over HTTP: a resident answers one section per page; the server re-checks the logic, refuses bad input of
// every kind with a 400 and its message, takes one answer per person under a race, and publishes only counts of 5+.
import { and, eq, sql as dsql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsLedger, surveyParticipations, surveyPhotos, surveyResponses, surveys } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { instantToWallClock } from '#app/utils/time-zone';
import { addJump, addQuestion, addSection, createSurvey, publishSurvey } from '#app/modules/surveys/build-survey.server';
import { removeAbandonedSurveyPhotos } from '#app/modules/surveys/media.server';
import type { QuestionFormInput } from '#app/modules/surveys/schemas';
import { Browser, newResident } from '../support/app';
import { departmentByName, jpegWithGps, userIdByEmail } from '../support/reports';
import { adminId } from '../support/votes';

afterAll(closeConnections);

const wall = (ms: number) => instantToWallClock(new Date(Date.now() + ms), env.CITY_TIMEZONE);
const must = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const question = (sectionId: string, kind: QuestionFormInput['kind'], more: Partial<QuestionFormInput> = {}): QuestionFormInput => ({
  sectionId, kind, textRu: `Вопрос ${kind}`, textEn: `Question ${kind}`, helpRu: undefined, helpEn: undefined, required: true, options: [], rows: [], other: false, scale: undefined, min: undefined, max: undefined, showIf: undefined, ...more,
});

/**
 * s1: q1 single (yes/no), q2 multiple with "other", q3 scale 0–10; a "no" jumps to s3.
 * s2: q4 short text, q5 number 0–10.  s3: q6 matrix, q7 ranking, q8 date, q9 point, q10 long (optional), q11 short shown only after "yes".
 */
async function buildSurvey(opts: { anonymous?: boolean; editable?: boolean } = {}) {
  const admin = await adminId();
  const { id } = must(await createSurvey(admin, { titleRu: 'Опрос', titleEn: 'Test survey', descriptionRu: 'Описание', descriptionEn: 'Description', opensAt: wall(-60_000), closesAt: wall(3_600_000), anonymous: opts.anonymous ?? true, editable: opts.editable ?? false, verifiedOnly: false, minAge: undefined, maxAge: undefined, districtIds: [], pointsReward: 7, departmentId: undefined }));
  must(await addQuestion(admin, id, question('s1', 'single', { options: ['Да | Yes', 'Нет | No'] })));
  must(await addQuestion(admin, id, question('s1', 'multiple', { options: ['Парк | Park', 'Сквер | Square'], other: true, required: false })));
  must(await addQuestion(admin, id, question('s1', 'scale', { scale: '0-10' })));
  must(await addSection(admin, id, { ru: 'Вторая', en: 'Second' }));
  must(await addQuestion(admin, id, question('s2', 'short')));
  must(await addQuestion(admin, id, question('s2', 'number', { min: 0, max: 10 })));
  must(await addSection(admin, id, { ru: 'Третья', en: 'Third' }));
  must(await addQuestion(admin, id, question('s3', 'matrix', { rows: ['Чистота | Cleanliness', 'Свет | Light'], scale: '1-5' })));
  must(await addQuestion(admin, id, question('s3', 'ranking', { options: ['А | A', 'Б | B', 'В | C'] })));
  must(await addQuestion(admin, id, question('s3', 'date')));
  must(await addQuestion(admin, id, question('s3', 'point')));
  must(await addQuestion(admin, id, question('s3', 'long', { required: false })));
  must(await addQuestion(admin, id, question('s3', 'short', { required: false, showIf: 'q1=o1' })));
  must(await addJump(admin, id, { sectionId: 's1', question: 'q1', option: 'o2', to: 's3' }));
  must(await publishSurvey(admin, id));
  return id;
}

const s3Answers = { 'q6.r1': '4', 'q6.r2': '5', 'q7.o1': '2', 'q7.o2': '1', 'q7.o3': '3', q8: '2026-05-01', 'q9.lat': '55.75', 'q9.lng': '37.62', q10: 'Больше скамеек в парке' };

let surveyId: number;
beforeAll(async () => {
  surveyId = await buildSurvey();
});

describe('answering a survey one section per page', () => {
  it('follows the jump, refuses a page off the path and a hidden question answered, and credits points once', async () => {
    const { browser, email } = await newResident('survey-no');
    const start = await (await browser.get(`/surveys/${surveyId}`)).text();
    expect(start).toContain('Start the survey');
    const first = await browser.post(`/surveys/${surveyId}?section=s1`, { q1: 'o2', q3: '9' });
    expect(first.status).toBe(302);
    expect(first.headers.get('Location')).toBe(`/surveys/${surveyId}?section=s3`);
    const offPath = await browser.post(`/surveys/${surveyId}?section=s2`, { q4: 'hello', q5: '3' });
    expect(offPath.status).toBe(400);
    expect(await offPath.text()).toContain('This page is not part of the survey with your earlier answers');
    const hidden = await browser.post(`/surveys/${surveyId}?section=s3`, { ...s3Answers, q11: 'I should not be asked' });
    expect(hidden.status).toBe(400);
    expect(await hidden.text()).toContain('This question is not asked with your earlier answers');
    const sent = await browser.post(`/surveys/${surveyId}?section=s3`, s3Answers);
    expect(sent.status).toBe(302);
    expect(sent.headers.get('Location')).toBe(`/surveys/${surveyId}?sent=new`);
    expect(await (await browser.get(`/surveys/${surveyId}`)).text()).toContain('You have already answered this survey.');
    const again = await browser.post(`/surveys/${surveyId}?section=s1`, { q1: 'o1', q3: '1' });
    expect(again.status).toBe(400);
    const userId = await userIdByEmail(email);
    const points = await db.select().from(pointsLedger).where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.reason, 'survey')));
    expect(points.map((p) => [p.surveyId, p.delta])).toEqual([[surveyId, 7]]);
    // Anonymous: the response carries no person, and the ranking is stored in order of place.
    const [response] = await db.select().from(surveyResponses).where(dsql`${surveyResponses.surveyId} = ${surveyId} AND ${surveyResponses.answers} ->> 'q10' = 'Больше скамеек в парке'`);
    expect(response!.userId).toBeNull();
    expect(response!.answers).toMatchObject({ q1: 'o2', q3: 9, q6: { r1: 4, r2: 5 }, q7: ['o2', 'o1', 'o3'], q8: '2026-05-01', q9: { lat: 55.75, lng: 37.62 } });
    expect(response!.answers).not.toHaveProperty('q11');
  });

  it('asks the second page and the conditional question after a yes', async () => {
    const { browser } = await newResident('survey-yes');
    expect((await browser.post(`/surveys/${surveyId}?section=s1`, { q1: 'o1', q2: ['o1', 'other'], 'q2.other': 'A garden', q3: '10' })).headers.get('Location')).toBe(`/surveys/${surveyId}?section=s2`);
    expect((await browser.post(`/surveys/${surveyId}?section=s2`, { q4: 'Fine', q5: '4' })).headers.get('Location')).toBe(`/surveys/${surveyId}?section=s3`);
    const page = await (await browser.get(`/surveys/${surveyId}?section=s3`)).text();
    expect(page).toContain('Question short');
    expect((await browser.post(`/surveys/${surveyId}?section=s3`, { ...s3Answers, q11: 'Asked now' })).status).toBe(302);
  });
});

describe('bad input per kind', () => {
  const cases: [string, string, Record<string, string | string[]>, string][] = [
    ['single: an unknown option', 's1', { q1: 'o9', q3: '5' }, 'Choose one of the options'],
    ['single: missing while required', 's1', { q3: '5' }, 'Answer this question'],
    ['multiple: "other" ticked but empty', 's1', { q1: 'o1', q2: ['other'], q3: '5' }, 'Say what “other” is'],
    ['scale: above 10', 's1', { q1: 'o1', q3: '11' }, 'between 0 and 10'],
    ['scale: not a number', 's1', { q1: 'o1', q3: 'ten' }, 'Enter a whole number'],
    ['number: out of bounds', 's2', { q4: 'x', q5: '11' }, 'between 0 and 10'],
    ['short: a control character', 's2', { q4: 'a\u0000b', q5: '1' }, 'control'],
    ['matrix: a row unanswered', 's3', { ...s3Answers, 'q6.r2': '' }, 'Answer every row'],
    ['matrix: off the scale', 's3', { ...s3Answers, 'q6.r2': '9' }, 'between 1 and 5'],
    ['ranking: a place twice', 's3', { ...s3Answers, 'q7.o3': '2' }, 'Give each place once'],
    ['date: a day that does not exist', 's3', { ...s3Answers, q8: '2026-02-30' }, 'date'],
    ['point: not numbers', 's3', { ...s3Answers, 'q9.lat': 'north' }, 'Enter the place as two numbers'],
    ['point: off the globe', 's3', { ...s3Answers, 'q9.lat': '95' }, 'Enter the place as two numbers'],
  ];
  let browser: Browser;
  beforeAll(async () => {
    browser = (await newResident('survey-bad')).browser;
    expect((await browser.post(`/surveys/${surveyId}?section=s1`, { q1: 'o1', q3: '5' })).status).toBe(302);
    expect((await browser.post(`/surveys/${surveyId}?section=s2`, { q4: 'ok', q5: '5' })).status).toBe(302);
  });
  it.each(cases)('%s → 400 with the message', async (_name, section, fields, message) => {
    const response = await browser.post(`/surveys/${surveyId}?section=${section}`, fields);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Error: ');
    expect(html.toLowerCase()).toContain(message.toLowerCase());
  });
  it('a survey page with a file where the page asks none is refused as too large, not read', async () => {
    const form = new FormData();
    form.set('q1', 'o1');
    form.set('q3', '5');
    form.set('photo', new File([new Uint8Array(10)], 'a.jpg', { type: 'image/jpeg' }));
    const response = await browser.postMultipart(`/surveys/${surveyId}?section=s1`, form);
    expect([400, 413]).toContain(response.status);
    expect(await db.$count(surveyPhotos, eq(surveyPhotos.surveyId, surveyId))).toBe(0);
  });
});

describe('one answer per person', () => {
  it('two sends at once record one response and one credit', async () => {
    const { browser, email } = await newResident('survey-race');
    expect((await browser.post(`/surveys/${surveyId}?section=s1`, { q1: 'o2', q3: '3' })).status).toBe(302);
    const statuses = (await Promise.all(Array.from({ length: 4 }, () => browser.post(`/surveys/${surveyId}?section=s3`, s3Answers)))).map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(3);
    const userId = await userIdByEmail(email);
    expect(await db.$count(surveyParticipations, and(eq(surveyParticipations.surveyId, surveyId), eq(surveyParticipations.userId, userId)))).toBe(1);
    expect(await db.$count(pointsLedger, and(eq(pointsLedger.userId, userId), eq(pointsLedger.surveyId, surveyId)))).toBe(1);
  });

  it('an identified, editable survey lets the person change the answer they sent', async () => {
    const id = await buildSurvey({ anonymous: false, editable: true });
    const { browser, email } = await newResident('survey-edit');
    await browser.post(`/surveys/${id}?section=s1`, { q1: 'o2', q3: '3' });
    expect((await browser.post(`/surveys/${id}?section=s3`, s3Answers)).headers.get('Location')).toBe(`/surveys/${id}?sent=new`);
    expect(await (await browser.get(`/surveys/${id}`)).text()).toContain('Change my answers');
    await browser.post(`/surveys/${id}?section=s1`, { q1: 'o2', q3: '8' });
    expect((await browser.post(`/surveys/${id}?section=s3`, s3Answers)).headers.get('Location')).toBe(`/surveys/${id}?sent=edited`);
    const userId = await userIdByEmail(email);
    const rows = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.userId).toBe(userId);
    expect(rows[0]!.answers).toMatchObject({ q3: 8 });
  });
});

describe('results and open data', () => {
  it('counts per option for staff, and publishes only counts of 5 or more once an anonymous survey closes', async () => {
    const id = await buildSurvey();
    // Six residents: five say yes, one says no.
    for (let i = 0; i < 6; i++) {
      const { browser } = await newResident(`survey-count-${i}`);
      const yes = i < 5;
      await browser.post(`/surveys/${id}?section=s1`, { q1: yes ? 'o1' : 'o2', q3: '10' });
      if (yes) await browser.post(`/surveys/${id}?section=s2`, { q4: 'Тёмные дворы вечером', q5: '2' });
      expect((await browser.post(`/surveys/${id}?section=s3`, s3Answers)).status).toBe(302);
    }
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const page = await admin.get(`/admin/surveys/${id}/results`);
    const results = await page.text();
    expect([page.status, /data-testid="responses">([^<]*)</.exec(results)?.[1]]).toEqual([200, '6 responses']);
    expect(results).toContain('Net Promoter Score: 100');
    expect(results).toContain('двор');
    const csv = parse(await (await admin.get(`/admin/surveys/${id}/responses/csv`)).text(), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(6);
    expect(csv.filter((r) => r.q1 === 'o1')).toHaveLength(5);
    // Not yet closed: not in the open data.
    const before = parse(await (await new Browser().get('/data/survey-results/survey-results.csv')).text(), { columns: true }) as Record<string, string>[];
    expect(before.filter((r) => r.survey_id === String(id))).toHaveLength(0);
    await db.update(surveys).set({ opensAt: new Date(Date.now() - 7_200_000), closesAt: new Date(Date.now() - 1000) }).where(eq(surveys.id, id));
    const rows = (parse(await (await new Browser().get('/data/survey-results/survey-results.csv')).text(), { columns: true }) as Record<string, string>[]).filter((r) => r.survey_id === String(id));
    const q1 = rows.filter((r) => r.question_id === 'q1');
    expect(q1.map((r) => [r.answer, r.count, r.suppressed])).toEqual([['o1', '5', 'false'], ['o2', '', 'true']]);
    expect(rows.every((r) => r.count === '' || Number(r.count) >= 5)).toBe(true);
    expect(rows.find((r) => r.question_id === 'q3' && r.answer === '10')!.count).toBe('6');
  });

  it('an officer sees only their department’s surveys', async () => {
    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    expect((await officer.get(`/admin/surveys/${surveyId}`)).status).toBe(403);
    expect((await officer.get(`/admin/surveys/${surveyId}/results`)).status).toBe(403);
    expect((await officer.get('/admin/surveys')).status).toBe(200);
  });
});

describe('a photo answer, sent as a real multipart body', () => {
  let photoSurvey: number;
  beforeAll(async () => {
    const admin = await adminId();
    const { id } = must(await createSurvey(admin, { titleRu: 'Фото', titleEn: 'Photo survey', descriptionRu: 'Описание', descriptionEn: 'Description', opensAt: wall(-60_000), closesAt: wall(3_600_000), anonymous: true, editable: false, verifiedOnly: false, minAge: undefined, maxAge: undefined, districtIds: [], pointsReward: 0, departmentId: undefined }));
    must(await addQuestion(admin, id, question('s1', 'photo')));
    must(await publishSurvey(admin, id));
    photoSurvey = id;
  });
  const send = async (browser: Browser, file: File) => {
    const form = new FormData();
    form.set('q1', file);
    return browser.postMultipart(`/surveys/${photoSurvey}?section=s1`, form);
  };
  const stored = () => db.$count(surveyPhotos, eq(surveyPhotos.surveyId, photoSurvey));

  it('keeps a JPEG re-encoded without its camera and place details, and refuses other files or a too large one with the message, storing nothing', async () => {
    const { browser } = await newResident('survey-photo');
    const notImage = await send(browser, new File([new TextEncoder().encode('just some text, not a picture')], 'note.jpg', { type: 'image/jpeg' }));
    expect(notImage.status).toBe(400);
    expect(await notImage.text()).toContain('A photo must be a JPEG, PNG or WebP image');
    const tooLarge = await send(browser, new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' }));
    expect([400, 413]).toContain(tooLarge.status);
    if (tooLarge.status === 400) expect(await tooLarge.text()).toContain('Each photo must be at most 10 MB');
    expect(await stored()).toBe(0);
    const jpeg = await jpegWithGps();
    // The camera's name is in the file's EXIF, beside its position.
    expect(jpeg.includes(Buffer.from('TestPhone'))).toBe(true);
    const kept = await send(browser, new File([new Uint8Array(jpeg)], 'yard.jpg', { type: 'image/jpeg' }));
    expect(kept.status, await kept.clone().text().then((t) => t.slice(0, 300))).toBe(302);
    const [photo] = await db.select().from(surveyPhotos).where(eq(surveyPhotos.surveyId, photoSurvey));
    expect(photo).toBeDefined();
    expect(photo!.mimeType).toMatch(/^image\//);
    expect(Buffer.from(photo!.bytes!).includes(Buffer.from('TestPhone'))).toBe(false);
  });
});

describe('who sees a survey photo, and which photos the hourly sweep removes (ADR 066)', () => {
  const photoSurveyOf = async (opts: { anonymous: boolean; editable: boolean; department?: string }) => {
    const admin = await adminId();
    const department = opts.department ? await departmentByName(opts.department) : undefined;
    const { id } = must(await createSurvey(admin, { titleRu: 'Фото', titleEn: 'Photo survey', descriptionRu: 'Описание', descriptionEn: 'Description', opensAt: wall(-60_000), closesAt: wall(3_600_000), anonymous: opts.anonymous, editable: opts.editable, verifiedOnly: false, minAge: undefined, maxAge: undefined, districtIds: [], pointsReward: 0, departmentId: department?.id }));
    must(await addQuestion(admin, id, question('s1', 'photo')));
    must(await addSection(admin, id, { ru: 'Вторая', en: 'Second' }));
    must(await addQuestion(admin, id, question('s2', 'short')));
    must(await publishSurvey(admin, id));
    return id;
  };
  const uploadPhoto = async (browser: Browser, surveyId: number) => {
    const form = new FormData();
    form.set('q1', new File([new Uint8Array(await jpegWithGps())], 'yard.jpg', { type: 'image/jpeg' }));
    const response = await browser.postMultipart(`/surveys/${surveyId}?section=s1`, form);
    expect(response.status).toBe(302);
  };
  const photosOf = (surveyId: number) => db.select({ id: surveyPhotos.id, attachedAt: surveyPhotos.attachedAt }).from(surveyPhotos).where(eq(surveyPhotos.surveyId, surveyId));
  const sendLastPage = (browser: Browser, surveyId: number) => browser.post(`/surveys/${surveyId}?section=s2`, { q2: 'Done' });
  const signedIn = async (email: string) => {
    const browser = new Browser();
    await browser.signIn(email);
    return browser;
  };

  it('serves the photo to the resident who uploaded it and to the staff of that survey, with private image headers; another resident, another department\'s officer and anyone signed out get a 404', async () => {
    const surveyId = await photoSurveyOf({ anonymous: false, editable: false, department: 'Roads service, North' });
    const { browser: owner } = await newResident('survey-photo-owner');
    await uploadPhoto(owner, surveyId);
    const [photo] = await photosOf(surveyId);
    const path = `/media/survey-photos/${photo!.id}`;
    const ownView = await owner.get(path);
    expect(ownView.status).toBe(200);
    expect(ownView.headers.get('Content-Type')).toBe('image/jpeg');
    expect(ownView.headers.get('Content-Disposition')).toBe(`inline; filename="survey-photo-${photo!.id}.jpg"`);
    expect(ownView.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(ownView.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(ownView.headers.get('Cache-Control')).toMatch(/^private/);
    expect(Buffer.from(await ownView.arrayBuffer()).includes(Buffer.from('TestPhone'))).toBe(false);
    expect((await sendLastPage(owner, surveyId)).status).toBe(302);
    // An identified survey keeps who sent it: the owner still sees their photo once it is sent.
    expect((await owner.get(path)).status).toBe(200);

    expect((await (await signedIn('admin@demo.vmeste.city')).get(path)).status).toBe(200);
    // The officer of the survey's own department reads its results, so sees its photos.
    expect((await (await signedIn('department@demo.vmeste.city')).get(path)).status).toBe(200);
    expect((await (await newResident('survey-photo-stranger')).browser.get(path)).status).toBe(404);
    expect((await new Browser().get(path)).status).toBe(404);

    // A survey that is not the officer's department's: its photos are not theirs to see either.
    const cityWide = await photoSurveyOf({ anonymous: false, editable: false });
    await uploadPhoto(owner, cityWide);
    const [other] = await photosOf(cityWide);
    expect((await (await signedIn('department@demo.vmeste.city')).get(`/media/survey-photos/${other!.id}`)).status).toBe(404);
    expect((await owner.get(`/media/survey-photos/${other!.id}`)).status).toBe(200);
  });

  it('forgets who uploaded an anonymous survey\'s photo once the survey is sent: then only its staff see it', async () => {
    const surveyId = await photoSurveyOf({ anonymous: true, editable: false });
    const { browser: owner } = await newResident('survey-photo-anonymous');
    await uploadPhoto(owner, surveyId);
    const [photo] = await photosOf(surveyId);
    const path = `/media/survey-photos/${photo!.id}`;
    expect((await owner.get(path)).status).toBe(200);
    expect((await sendLastPage(owner, surveyId)).status).toBe(302);
    expect((await owner.get(path)).status).toBe(404);
    expect((await (await signedIn('admin@demo.vmeste.city')).get(path)).status).toBe(200);
  });

  it('removes a photo no sent answer names (abandoned, or replaced in an edited answer) once old enough, and keeps the sent ones and a draft\'s', async () => {
    const surveyId = await photoSurveyOf({ anonymous: false, editable: true });
    const { browser: sender } = await newResident('survey-photo-sender');
    await uploadPhoto(sender, surveyId);
    expect((await sendLastPage(sender, surveyId)).status).toBe(302);
    const { browser: drafter } = await newResident('survey-photo-drafter');
    await uploadPhoto(drafter, surveyId);
    const { browser: leaver } = await newResident('survey-photo-leaver');
    await uploadPhoto(leaver, surveyId);
    // The leaver replaces their photo on the first page, then never finishes: neither of their photos is sent.
    await uploadPhoto(leaver, surveyId);
    const sent = (await photosOf(surveyId)).filter((p) => p.attachedAt !== null);
    expect(sent).toHaveLength(1);

    // Young photos may belong to a survey being answered: nothing is removed.
    expect((await removeAbandonedSurveyPhotos(60_000)).rows).toBe(0);
    expect(await photosOf(surveyId)).toHaveLength(4);
    // Old enough: the leaver's first photo (replaced in the draft, named by nothing) goes; the draft's photos stay.
    expect((await removeAbandonedSurveyPhotos(0)).rows).toBeGreaterThanOrEqual(1);
    const left = await photosOf(surveyId);
    expect(left).toHaveLength(3);
    expect(left.map((p) => p.id)).toContain(sent[0]!.id);
    expect((await sender.get(`/media/survey-photos/${sent[0]!.id}`)).status).toBe(200);

    // The sender edits their answer with a new photo: the first one is no longer named and is swept.
    await uploadPhoto(sender, surveyId);
    expect((await sendLastPage(sender, surveyId)).status).toBe(302);
    const attached = (await photosOf(surveyId)).filter((p) => p.attachedAt !== null);
    expect(attached).toHaveLength(1);
    expect(attached[0]!.id).not.toBe(sent[0]!.id);
    await removeAbandonedSurveyPhotos(0);
    const after = (await photosOf(surveyId)).map((p) => p.id);
    expect(after).not.toContain(sent[0]!.id);
    expect(after).toContain(attached[0]!.id);
    expect(after).toHaveLength(3);
  });
});
