// Report photos in an S3-compatible bucket (MEDIA_STORE=s3, ADR 042), against s3rver: a local server that speaks
// the S3 HTTP API, which the AWS SDK talks to unmodified. Set before the app reads its environment.
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { removeOrphanPhotos } from '#app/modules/reports/photo-store.server';
import { initiativeMedia } from '#app/modules/initiatives/media.server';
import { projectCoverMedia } from '#app/modules/ideas/media.server';
import { ballotOptionMedia } from '#app/modules/votes/media.server';
import { stages } from '#app/modules/ideas/stages';
import { removeOrphanMedia } from '#app/utils/stored-media.server';
import { addQuestion, addSection, createSurvey, publishSurvey } from '#app/modules/surveys/build-survey.server';
import { removeAbandonedSurveyPhotos } from '#app/modules/surveys/media.server';
import { env } from '#app/utils/env.server';
import { instantToWallClock } from '#app/utils/time-zone';
import { adminId } from '../support/votes';
import { Browser, newResident } from '../support/app';
import { jpegWithGps, placeIn, shortSlaCategory } from '../support/reports';
import { projectRoot, startWeb, stopProcess } from '../support/processes';

const s3Port = vi.hoisted(() => {
  const port = 14900 + Number(process.env.VMESTE_PORT_OFFSET ?? 0) + Math.floor(Math.random() * 50);
  Object.assign(process.env, {
    MEDIA_STORE: 's3',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: 'vmeste-test-media',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  });
  return port;
});

const run = promisify(execFile);
const server = new S3rver({ port: s3Port, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'vmeste-s3-')) });
const s3 = new S3Client({ endpoint: `http://127.0.0.1:${s3Port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
const bucket = 'vmeste-test-media';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bucketKeys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((object) => object.Key!);

function reportForm(categoryId: number, description: string, photo: Buffer) {
  const { lat, lng } = placeIn('severny');
  const form = new FormData();
  for (const [k, v] of Object.entries({ categoryId: String(categoryId), lat: String(lat), lng: String(lng), address: 'Severnaya 1', description, confirmNew: 'yes' })) form.set(k, v);
  form.append('photos', new File([new Uint8Array(photo)], 'photo.jpg', { type: 'image/jpeg' }));
  return form;
}

async function fileReport(browser: Browser, description: string) {
  const category = await shortSlaCategory();
  const response = await browser.postMultipart('/reports/new', reportForm(category.id, description, await jpegWithGps()));
  expect(response.status).toBe(302);
  const [photo] = await sql<{ id: number; storage_key: string | null; has_bytes: boolean }[]>`
    SELECT p.id::int AS id, p.storage_key, p.data IS NOT NULL AS has_bytes FROM report_photos p JOIN reports r ON r.id = p.report_id WHERE r.description = ${description}`;
  return photo!;
}

beforeAll(async () => {
  await server.run();
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
afterAll(async () => {
  await closeConnections();
  await server.close();
});

describe('report photos in S3', () => {
  it('stores a resident\'s photo in the bucket under the SHA-256 of its bytes, and serves it with the same headers as from Postgres', async () => {
    const { browser } = await newResident('s3-photo');
    const photo = await fileReport(browser, `S3 photo ${Date.now()}`);
    expect(photo.has_bytes).toBe(false);
    const served = await browser.get(`/media/report-photos/${photo.id}`);
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    const hash = sha256(bytes);
    expect(photo.storage_key).toBe(`report-photos/${hash.slice(0, 2)}/${hash}`);
    expect(await bucketKeys()).toContain(photo.storage_key);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(served.headers.get('Content-Disposition')).toBe(`inline; filename="report-photo-${photo.id}.jpg"`);
    expect(served.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(served.headers.get('Cache-Control')).toMatch(/^private/);
    // Still hidden from others while the report awaits moderation.
    expect((await new Browser().get(`/media/report-photos/${photo.id}`)).status).toBe(404);
  });

  it('moves photos kept in Postgres rows to the bucket with npm run media:migrate, and a second run moves nothing', async () => {
    const { browser } = await newResident('s3-migrate');
    const photo = await fileReport(browser, `S3 migrate ${Date.now()}`);
    const before = new Uint8Array(await (await browser.get(`/media/report-photos/${photo.id}`)).arrayBuffer());
    // As a photo stored before the bucket existed: the bytes back in the row, no key.
    await sql`UPDATE report_photos SET data = ${Buffer.from(before)}, storage_key = NULL WHERE id = ${photo.id}`;
    const first = await run(process.execPath, ['--import', 'tsx', 'scripts/media-migrate.ts'], { cwd: projectRoot, env: process.env });
    expect(first.stdout).toMatch(/\b[1-9]\d* report photos moved to the bucket vmeste-test-media/);
    const [row] = await sql<{ storage_key: string; has_bytes: boolean }[]>`SELECT storage_key, data IS NOT NULL AS has_bytes FROM report_photos WHERE id = ${photo.id}`;
    expect(row).toEqual({ storage_key: `report-photos/${sha256(before).slice(0, 2)}/${sha256(before)}`, has_bytes: false });
    const after = new Uint8Array(await (await browser.get(`/media/report-photos/${photo.id}`)).arrayBuffer());
    expect(sha256(after)).toBe(sha256(before));
    const second = await run(process.execPath, ['--import', 'tsx', 'scripts/media-migrate.ts'], { cwd: projectRoot, env: process.env });
    expect(second.stdout).toContain('0 report photos moved');
    expect(await sql`SELECT 1 FROM report_photos WHERE data IS NOT NULL`).toHaveLength(0);
  });

  it('removes objects no photo row points at, and keeps the ones that rows use', async () => {
    const { browser } = await newResident('s3-orphan');
    const used = await fileReport(browser, `S3 kept ${Date.now()}`);
    const orphanHash = sha256(Buffer.from(`an upload whose report was never written ${Date.now()}`));
    const orphan = `report-photos/${orphanHash.slice(0, 2)}/${orphanHash}`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: orphan, Body: Buffer.from('orphan'), ContentType: 'image/jpeg' }));
    // A young orphan may belong to a report still being written: left alone.
    expect(await removeOrphanPhotos(undefined, 60_000)).toBe(0);
    expect(await bucketKeys()).toContain(orphan);
    expect(await removeOrphanPhotos(undefined, 0)).toBeGreaterThanOrEqual(1);
    const left = await bucketKeys();
    expect(left).not.toContain(orphan);
    expect(left).toContain(used.storage_key);
    expect((await browser.get(`/media/report-photos/${used.id}`)).status).toBe(200);
  });

  it('serves a photo uploaded through one web process from another', async () => {
    const base = 4100 + (Number(process.env.VMESTE_PORT_OFFSET ?? 0) % 1000) + Math.floor(Math.random() * 40) * 2;
    const ports = [base, base + 1];
    const webs: ChildProcess[] = [];
    try {
      for (const port of ports) webs.push(await startWeb(port, { RATE_LIMIT_SCALE: '1000' }));
      const first = new Browser(undefined, `http://127.0.0.1:${ports[0]}`);
      const { browser: registered } = await newResident('s3-two-webs');
      const session = /vmeste_session=([^;]+)/.exec(registered.cookieHeader())![1]!;
      first.setCookie('vmeste_session', session);
      const photo = await fileReport(first, `S3 two webs ${Date.now()}`);
      const second = new Browser(undefined, `http://127.0.0.1:${ports[1]}`);
      second.setCookie('vmeste_session', session);
      const served = await second.get(`/media/report-photos/${photo.id}`);
      expect(served.status).toBe(200);
      expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(photo.storage_key!.split('/')[2]);
    } finally {
      await Promise.all(webs.map((web) => stopProcess(web)));
    }
  });
});

describe('the other uploads in S3 (ADR 051)', () => {
  it('keeps an initiative\'s photo in the bucket, serves it as before, moves older photos with media:migrate and sweeps orphans', async () => {
    const { browser, email } = await newResident('s3-initiative');
    await sql`UPDATE users SET verified = true, district_id = (SELECT id FROM districts WHERE code = 'sadovy') WHERE email = ${email}`;
    const form = new FormData();
    form.set('title', `Benches in the bucket ${Date.now()}`);
    form.set('body', 'The city should do this because residents need it every day, and it costs little to try.');
    form.set('scope', 'city');
    form.append('photos', new File([new Uint8Array(await jpegWithGps())], 'bench.jpg', { type: 'image/jpeg' }));
    const created = await browser.postMultipart('/initiatives/new', form);
    expect(created.status).toBe(302);
    const initiativeId = Number(/\/initiatives\/(\d+)/.exec(created.headers.get('Location')!)![1]);
    const [photo] = await sql<{ id: number; storage_key: string | null; has_bytes: boolean }[]>`
      SELECT id::int AS id, storage_key, data IS NOT NULL AS has_bytes FROM initiative_photos WHERE initiative_id = ${initiativeId}`;
    expect(photo).toMatchObject({ has_bytes: false, storage_key: expect.stringMatching(/^initiative-photos\/[0-9a-f]{2}\/[0-9a-f]{64}$/) });
    expect(await bucketKeys()).toContain(photo!.storage_key);
    // Public once a moderator approved it (set here directly: the moderation journey has its own tests).
    await sql`UPDATE initiatives SET status = 'collecting', threshold = 1, collects_until = now() + interval '90 days' WHERE id = ${initiativeId}`;
    const served = await new Browser().get(`/media/initiative-photos/${photo!.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(photo!.storage_key!.split('/')[2]);

    // A photo from before the store, still in its row: media:migrate moves it, and a second run moves nothing.
    const old = Buffer.from(await (await new Browser().get(`/media/initiative-photos/${photo!.id}`)).arrayBuffer());
    const [kept] = await sql<{ id: number }[]>`INSERT INTO initiative_photos (initiative_id, mime_type, width, height, data) VALUES (${initiativeId}, 'image/jpeg', 10, 10, ${old}) RETURNING id::int AS id`;
    const first = await run(process.execPath, ['--import', 'tsx', 'scripts/media-migrate.ts'], { cwd: projectRoot, env: process.env });
    expect(first.stdout).toMatch(/[1-9]\d* initiative-photos moved/);
    const [moved] = await sql<{ storage_key: string | null; has_bytes: boolean }[]>`SELECT storage_key, data IS NOT NULL AS has_bytes FROM initiative_photos WHERE id = ${kept!.id}`;
    expect(moved).toEqual({ storage_key: `initiative-photos/${sha256(old).slice(0, 2)}/${sha256(old)}`, has_bytes: false });
    expect(sha256(new Uint8Array(await (await new Browser().get(`/media/initiative-photos/${kept!.id}`)).arrayBuffer()))).toBe(sha256(old));
    const second = await run(process.execPath, ['--import', 'tsx', 'scripts/media-migrate.ts'], { cwd: projectRoot, env: process.env });
    expect(second.stdout).toContain('0 initiative-photos moved');
    for (const table of ['idea_photos', 'initiative_photos', 'implementation_photos']) expect(await sql`SELECT 1 FROM ${sql(table)} WHERE data IS NOT NULL`).toHaveLength(0);

    // An object no row names (an upload whose transaction failed) goes once old enough; the used ones stay.
    const orphanHash = sha256(Buffer.from(`an initiative never written ${Date.now()}`));
    const orphan = `initiative-photos/${orphanHash.slice(0, 2)}/${orphanHash}`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: orphan, Body: Buffer.from('orphan'), ContentType: 'image/jpeg' }));
    expect(await removeOrphanMedia(initiativeMedia, undefined, 60_000)).toBe(0);
    expect(await removeOrphanMedia(initiativeMedia, undefined, 0)).toBeGreaterThanOrEqual(1);
    const left = await bucketKeys();
    expect(left).not.toContain(orphan);
    expect(left).toContain(photo!.storage_key);
  });
});

describe('ballot-option pictures and project covers in S3 (ADR 058)', () => {
  const migrate = () => run(process.execPath, ['--import', 'tsx', 'scripts/media-migrate.ts'], { cwd: projectRoot, env: process.env });
  const addressOf = (namespace: string, bytes: Uint8Array) => `${namespace}/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`;

  it('keeps an option\'s picture in the bucket, serves it to the draft\'s editors with the same headers, moves older ones with media:migrate and sweeps orphans', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const draft = await admin.post('/admin/ballots', { titleRu: 'Картинки', titleEn: 'Pictures', descriptionRu: 'Описание', descriptionEn: 'About' });
    const ballotId = Number(/\/admin\/ballots\/(\d+)/.exec(draft.headers.get('Location') ?? '')![1]);
    expect((await admin.post(`/admin/ballots/${ballotId}`, { intent: 'question', textRu: 'Вопрос', textEn: 'Question', kind: 'single', maxChoices: '1' })).status).toBe(302);
    const [question] = await sql<{ id: number }[]>`SELECT id::int FROM ballot_questions WHERE ballot_id = ${ballotId}`;
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: 'option', questionId: String(question!.id), labelRu: 'Сквер', labelEn: 'Square' })) form.set(k, v);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#36a' } }).png().toBuffer();
    form.append('image', new File([new Uint8Array(png)], 'square.png', { type: 'image/png' }));
    expect((await admin.postMultipart(`/admin/ballots/${ballotId}`, form)).status).toBe(302);
    const [option] = await sql<{ id: number; key: string | null; has_bytes: boolean }[]>`
      SELECT id::int AS id, image_storage_key AS key, image IS NOT NULL AS has_bytes FROM ballot_options WHERE question_id = ${question!.id}`;
    expect(option).toMatchObject({ has_bytes: false, key: expect.stringMatching(/^ballot-option-pictures\/[0-9a-f]{2}\/[0-9a-f]{64}$/) });
    expect(await bucketKeys()).toContain(option!.key);

    const path = `/media/ballot-options/${option!.id}`;
    expect((await new Browser().get(path)).status).toBe(404);
    const served = await admin.get(path);
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(addressOf('ballot-option-pictures', bytes)).toBe(option!.key);
    // Re-encoded on upload, like every picture (a PNG becomes a JPEG without its metadata).
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(served.headers.get('Cache-Control')).toMatch(/^private/);
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(served.headers.get('Content-Security-Policy')).toContain('sandbox');
    // The editor shows the option as having a picture.
    expect(await (await admin.get(`/admin/ballots/${ballotId}`)).text()).toContain(path);

    // A picture from before the store, still in its row: media:migrate moves it, and a second run moves nothing.
    await sql`UPDATE ballot_options SET image = ${Buffer.from(bytes)}, image_storage_key = NULL WHERE id = ${option!.id}`;
    expect((await migrate()).stdout).toMatch(/[1-9]\d* ballot-option-pictures moved/);
    const [moved] = await sql<{ key: string | null; has_bytes: boolean }[]>`SELECT image_storage_key AS key, image IS NOT NULL AS has_bytes FROM ballot_options WHERE id = ${option!.id}`;
    expect(moved).toEqual({ key: addressOf('ballot-option-pictures', bytes), has_bytes: false });
    expect(sha256(new Uint8Array(await (await admin.get(path)).arrayBuffer()))).toBe(sha256(bytes));
    expect((await migrate()).stdout).toContain('0 ballot-option-pictures moved');
    expect(await sql`SELECT 1 FROM ballot_options WHERE image IS NOT NULL`).toHaveLength(0);
    // Both places at once is refused by the database.
    await expect(sql`UPDATE ballot_options SET image = ${Buffer.from(bytes)} WHERE id = ${option!.id}`).rejects.toThrow(/ballot_options_image_in_one_place/);

    const orphan = addressOf('ballot-option-pictures', Buffer.from(`an option never written ${Date.now()}`));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: orphan, Body: Buffer.from('orphan'), ContentType: 'image/png' }));
    expect(await removeOrphanMedia(ballotOptionMedia, undefined, 60_000)).toBe(0);
    expect(await removeOrphanMedia(ballotOptionMedia, undefined, 0)).toBeGreaterThanOrEqual(1);
    const left = await bucketKeys();
    expect(left).not.toContain(orphan);
    expect(left).toContain(option!.key);
  });

  it('keeps a project\'s cover in the bucket, serves it publicly with the same headers, moves older ones with media:migrate and sweeps the replaced one', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const slug = `cover-${Date.now()}`;
    const dates = Object.fromEntries(stages.flatMap((stage, i) => [[`${stage}Starts`, `2031-0${i + 1}-01`], [`${stage}Ends`, `2031-0${i + 1}-20`]]));
    const projectForm = async (colour: string) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ slug, titleRu: 'Скверы', titleEn: 'Squares', descriptionRu: 'Описание проекта', descriptionEn: 'About the project', intent: 'save', ...dates })) form.set(k, v);
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).jpeg().toBuffer();
      form.append('cover', new File([new Uint8Array(jpeg)], 'cover.jpg', { type: 'image/jpeg' }));
      return form;
    };
    expect((await admin.postMultipart('/admin/projects/new', await projectForm('#c33'))).status).toBe(302);
    const [project] = await sql<{ id: number; key: string | null; has_bytes: boolean }[]>`SELECT id, cover_storage_key AS key, cover_image IS NOT NULL AS has_bytes FROM projects WHERE slug = ${slug}`;
    expect(project).toMatchObject({ has_bytes: false, key: expect.stringMatching(/^project-covers\/[0-9a-f]{2}\/[0-9a-f]{64}$/) });

    const served = await new Browser().get(`/projects/${slug}/cover`);
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(addressOf('project-covers', bytes)).toBe(project!.key);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await (await new Browser().get('/ideas')).text()).toContain(`/projects/${slug}/cover`);

    await sql`UPDATE projects SET cover_image = ${Buffer.from(bytes)}, cover_storage_key = NULL WHERE id = ${project!.id}`;
    expect((await migrate()).stdout).toMatch(/[1-9]\d* project-covers moved/);
    const [moved] = await sql<{ key: string | null; has_bytes: boolean }[]>`SELECT cover_storage_key AS key, cover_image IS NOT NULL AS has_bytes FROM projects WHERE id = ${project!.id}`;
    expect(moved).toEqual({ key: addressOf('project-covers', bytes), has_bytes: false });
    expect(sha256(new Uint8Array(await (await new Browser().get(`/projects/${slug}/cover`)).arrayBuffer()))).toBe(sha256(bytes));
    expect((await migrate()).stdout).toContain('0 project-covers moved');

    // A new cover replaces the old: the old object is named by no row any more, and the sweep removes it.
    expect((await admin.postMultipart(`/admin/projects/${project!.id}`, await projectForm('#3c3'))).status).toBe(302);
    const [replaced] = await sql<{ key: string }[]>`SELECT cover_storage_key AS key FROM projects WHERE id = ${project!.id}`;
    expect(replaced!.key).not.toBe(project!.key);
    expect(await removeOrphanMedia(projectCoverMedia, undefined, 0)).toBeGreaterThanOrEqual(1);
    const left = await bucketKeys();
    expect(left).not.toContain(project!.key);
    expect(left).toContain(replaced!.key);
  });
});

describe('survey photo answers in S3 (ADR 066)', () => {
  const migrate = () => run(process.execPath, ['--import', 'tsx', 'scripts/media-migrate.ts'], { cwd: projectRoot, env: process.env });
  const addressOf = (bytes: Uint8Array) => `survey-photos/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`;

  it('keeps a photo answer in the bucket, serves it to its sender and the survey\'s staff only, moves older ones with media:migrate and sweeps the abandoned', async () => {
    const admin = await adminId();
    const wall = (ms: number) => instantToWallClock(new Date(Date.now() + ms), env.CITY_TIMEZONE);
    const created = await createSurvey(admin, { titleRu: 'Фото', titleEn: 'Photo survey', descriptionRu: 'Описание', descriptionEn: 'Description', opensAt: wall(-60_000), closesAt: wall(3_600_000), anonymous: false, editable: false, verifiedOnly: false, minAge: undefined, maxAge: undefined, districtIds: [], pointsReward: 0, departmentId: undefined });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const surveyId = created.value.id;
    const added = await addQuestion(admin, surveyId, { sectionId: 's1', kind: 'photo', textRu: 'Фото двора', textEn: 'Your yard', helpRu: undefined, helpEn: undefined, required: true, options: [], rows: [], other: false, scale: undefined, min: undefined, max: undefined, showIf: undefined });
    expect(added.ok).toBe(true);
    expect((await addSection(admin, surveyId, { ru: 'Вторая', en: 'Second' })).ok).toBe(true);
    expect((await addQuestion(admin, surveyId, { sectionId: 's2', kind: 'short', textRu: 'Где', textEn: 'Where', helpRu: undefined, helpEn: undefined, required: true, options: [], rows: [], other: false, scale: undefined, min: undefined, max: undefined, showIf: undefined })).ok).toBe(true);
    expect((await publishSurvey(admin, surveyId)).ok).toBe(true);
    const upload = async (browser: Browser, picture?: Buffer) => {
      const form = new FormData();
      form.set('q1', new File([new Uint8Array(picture ?? (await jpegWithGps()))], 'yard.jpg', { type: picture ? 'image/png' : 'image/jpeg' }));
      expect((await browser.postMultipart(`/surveys/${surveyId}?section=s1`, form)).status).toBe(302);
    };
    const { browser: sender } = await newResident('s3-survey-photo');
    await upload(sender);
    expect((await sender.post(`/surveys/${surveyId}?section=s2`, { q2: 'Our yard' })).status).toBe(302);
    const [photo] = await sql<{ id: string; key: string | null; has_bytes: boolean; attached: boolean }[]>`
      SELECT id::text, storage_key AS key, bytes IS NOT NULL AS has_bytes, attached_at IS NOT NULL AS attached FROM survey_photos WHERE survey_id = ${surveyId}`;
    expect(photo).toMatchObject({ has_bytes: false, attached: true, key: expect.stringMatching(/^survey-photos\/[0-9a-f]{2}\/[0-9a-f]{64}$/) });
    expect(await bucketKeys()).toContain(photo!.key);

    const path = `/media/survey-photos/${photo!.id}`;
    const served = await sender.get(path);
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(addressOf(bytes)).toBe(photo!.key);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(served.headers.get('Content-Disposition')).toBe(`inline; filename="survey-photo-${photo!.id}.jpg"`);
    expect(served.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(served.headers.get('Cache-Control')).toMatch(/^private/);
    const staff = new Browser();
    await staff.signIn('admin@demo.vmeste.city');
    expect((await staff.get(path)).status).toBe(200);
    expect((await (await newResident('s3-survey-stranger')).browser.get(path)).status).toBe(404);
    expect((await new Browser().get(path)).status).toBe(404);

    // A photo from before the store, still in its row: media:migrate moves it, and a second run moves nothing.
    await sql`UPDATE survey_photos SET bytes = ${Buffer.from(bytes)}, storage_key = NULL WHERE id = ${photo!.id}`;
    expect((await migrate()).stdout).toMatch(/[1-9]\d* survey-photos moved/);
    const [moved] = await sql<{ key: string | null; has_bytes: boolean }[]>`SELECT storage_key AS key, bytes IS NOT NULL AS has_bytes FROM survey_photos WHERE id = ${photo!.id}`;
    expect(moved).toEqual({ key: addressOf(bytes), has_bytes: false });
    expect(sha256(new Uint8Array(await (await sender.get(path)).arrayBuffer()))).toBe(sha256(bytes));
    expect((await migrate()).stdout).toContain('0 survey-photos moved');
    expect(await sql`SELECT 1 FROM survey_photos WHERE bytes IS NOT NULL`).toHaveLength(0);
    await expect(sql`UPDATE survey_photos SET bytes = ${Buffer.from(bytes)} WHERE id = ${photo!.id}`).rejects.toThrow(/survey_photos_bytes_somewhere/);

    // An upload whose row was never written, and a photo a resident replaced before leaving the survey unsent (a
    // different picture, so its object is its own): both go; the sent one, and the one in the leaver's draft, stay.
    const orphan = addressOf(Buffer.from(`a survey photo never written ${Date.now()}`));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: orphan, Body: Buffer.from('orphan'), ContentType: 'image/jpeg' }));
    const { browser: leaver } = await newResident('s3-survey-leaver');
    await upload(leaver, await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a63' } }).png().toBuffer());
    const [replaced] = await sql<{ key: string }[]>`SELECT storage_key AS key FROM survey_photos WHERE survey_id = ${surveyId} AND storage_key <> ${photo!.key}`;
    await upload(leaver);
    expect(await sql`SELECT 1 FROM survey_photos WHERE survey_id = ${surveyId}`).toHaveLength(3);
    expect(await removeAbandonedSurveyPhotos(60_000)).toEqual({ rows: 0, objects: 0 });
    const swept = await removeAbandonedSurveyPhotos(0);
    expect(swept.rows).toBeGreaterThanOrEqual(1);
    expect(swept.objects).toBeGreaterThanOrEqual(2);
    const left = await bucketKeys();
    expect(left).not.toContain(orphan);
    expect(left).not.toContain(replaced!.key);
    expect(left).toContain(photo!.key);
    expect((await sender.get(path)).status).toBe(200);
    expect(await sql`SELECT 1 FROM survey_photos WHERE survey_id = ${surveyId}`).toHaveLength(2);
  });
});
