// Form posts against the real web server (scripts/serve.mjs), as an attacker sends them: bodies streamed part by
// part, so the test sees whether the server answered before it had read them, and the server's memory from /proc.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { newResident } from '../support/app';
import { placeIn, shortSlaCategory } from '../support/reports';
import { startWeb, stopProcess } from '../support/processes';

const port = 4100 + Number(process.env.VMESTE_PORT_OFFSET ?? 0) + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let web: ChildProcess;

beforeAll(async () => {
  // X-Forwarded-For gives each test an address of its own, so the per-address limits of other tests do not meet.
  web = await startWeb(port, { APP_URL: base, TRUST_PROXY: 'loopback' });
}, 60_000);
afterAll(async () => {
  await stopProcess(web);
  await closeConnections();
});

const MB = 1024 * 1024;
const boundary = 'vmeste-test-boundary-7f3a';
const zeros = Buffer.alloc(MB);

const textPart = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
const fileHead = (name: string, filename: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`);

/** A multipart body, chunk by chunk: the text fields, then `files` photos of `mb` MB each (zeros, never held whole). */
function* multipart(fields: [string, string][], files: number, mb: number, fieldsAfter: [string, string][] = []): Generator<Buffer> {
  for (const [name, value] of fields) yield textPart(name, value);
  for (let f = 0; f < files; f += 1) {
    yield fileHead('photos', `photo-${f}.jpg`);
    for (let i = 0; i < mb; i += 1) yield zeros;
    yield Buffer.from('\r\n');
  }
  for (const [name, value] of fieldsAfter) yield textPart(name, value);
  yield Buffer.from(`--${boundary}--\r\n`);
}

type Sent = { status: number; headers: IncomingMessage['headers']; body: string; answeredWhileSending: boolean };

/**
 * Sends a body chunk by chunk while the server takes it, and stops sending once the answer comes. With
 * `waitAfter`, it stops once that many bytes are sent and gives the server up to 20 s to answer before the rest: a
 * server that answers only after reading the whole body is caught whatever the machine's speed.
 */
async function send(method: string, path: string, headers: Record<string, string>, chunks: Iterable<Buffer> = [], { waitAfter = Infinity }: { waitAfter?: number } = {}): Promise<Sent> {
  const request = httpRequest(`${base}${path}`, { method, headers });
  let answered = false;
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', (response) => {
      answered = true;
      resolve(response);
    });
    // Once answered, the server may close the connection under what is still being sent.
    request.on('error', (error) => answered || reject(error));
  });
  let answeredWhileSending = false;
  let sent = 0;
  let waited = false;
  for (const chunk of chunks) {
    if (!waited && sent >= waitAfter) {
      waited = true;
      await Promise.race([answer.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
    if (answered) {
      answeredWhileSending = true;
      break;
    }
    sent += chunk.byteLength;
    if (!request.write(chunk)) await Promise.race([once(request, 'drain').catch(() => {}), answer]);
  }
  if (!answered) request.end();
  const response = await answer;
  let body = '';
  for await (const chunk of response) body += String(chunk);
  request.destroy();
  return { status: response.statusCode!, headers: response.headers, body, answeredWhileSending };
}

/** A resident registered in-process, with what its browser would send to the real server. */
async function resident(label: string) {
  const { browser } = await newResident(label);
  const csrf = await browser.csrf();
  const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const headers = (more: Record<string, string> = {}) => ({ Cookie: browser.cookieHeader(), 'X-Forwarded-For': ip, 'Accept-Language': 'en', Origin: base, ...more });
  return { browser, csrf, headers };
}

const multipartType = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };

async function reportFields(description: string): Promise<[string, string][]> {
  const category = await shortSlaCategory();
  const { lat, lng } = placeIn('zavodskoy');
  return Object.entries({ categoryId: String(category.id), lat: String(lat), lng: String(lng), address: 'Zavodskaya 9', description, confirmNew: 'yes' });
}

/** The web process's resident memory, in MB. */
function webRssMb(): number {
  const status = readFileSync(`/proc/${web.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('uploads are read within their limits, as they stream in', () => {
  it('refuses 200 MB of 2 MB photos with 413 at the sixth photo, without the server growing by the upload', async () => {
    const { csrf, headers } = await resident('upload-bomb');
    await send('GET', '/reports/new', headers());
    const before = webRssMb();
    const sent = await send('POST', '/reports/new', headers(multipartType), multipart([['_csrf', csrf], ...(await reportFields('Two hundred megabytes of photos'))], 100, 2), { waitAfter: 14 * MB });
    const grown = webRssMb() - before;
    expect(sent.status).toBe(413);
    expect(sent.body).toContain('Attach at most 5 photos');
    expect(sent.answeredWhileSending).toBe(true);
    expect(grown, `the web process grew by ${grown.toFixed(0)} MB`).toBeLessThan(100);
  });

  it('refuses an upload whose declared length is over the limit before reading it', async () => {
    const { csrf, headers } = await resident('declared-length');
    const sent = await send('POST', '/reports/new', headers({ ...multipartType, 'Content-Length': String(300 * MB) }), multipart([['_csrf', csrf], ...(await reportFields('Declared as three hundred megabytes'))], 29, 10), { waitAfter: 2 * MB });
    expect(sent.status).toBe(413);
    expect(sent.body).toContain('The files together must be at most 50 MB');
    expect(sent.answeredWhileSending).toBe(true);
  });

  it('refuses a multipart form of 5,000 small fields with 413', async () => {
    const { csrf, headers } = await resident('many-parts');
    const fields: [string, string][] = Array.from({ length: 5000 }, (_, i) => [`f${i}`, 'x']);
    const sent = await send('POST', '/reports/new', headers(multipartType), multipart([['_csrf', csrf], ...fields], 0, 0));
    expect(sent.status).toBe(413);
    expect(sent.body).toContain('The form is too large');
  });

  it('answers a resident over the report limit with 429 before reading the photos being sent', async () => {
    const { browser, csrf, headers } = await resident('limited-upload');
    for (let i = 1; i <= 5; i += 1) {
      const form = new FormData();
      for (const [k, v] of await reportFields(`Report number ${i} of a burst`)) form.set(k, v);
      expect((await browser.postMultipart('/reports/new', form)).status).toBe(302);
    }
    const sent = await send('POST', '/reports/new', headers(multipartType), multipart([['_csrf', csrf], ...(await reportFields('The sixth report of the burst'))], 4, 9), { waitAfter: 2 * MB });
    expect(sent.status).toBe(429);
    expect(Number(sent.headers['retry-after'])).toBeGreaterThan(0);
    expect(sent.answeredWhileSending).toBe(true);
    expect(await sql`SELECT 1 FROM reports WHERE description = 'The sixth report of the burst'`).toHaveLength(0);
  });

  it('refuses an upload whose CSRF token does not come before its photos with 403, before reading them', async () => {
    const { csrf, headers } = await resident('token-last');
    // The text fields and the first 2 MB of the first photo, then a pause for the answer.
    const sent = await send('POST', '/reports/new', headers(multipartType), multipart(await reportFields('Photos before the token'), 4, 9, [['_csrf', csrf]]), { waitAfter: 2 * MB });
    expect(sent.status).toBe(403);
    expect(sent.answeredWhileSending).toBe(true);
    expect(await sql`SELECT 1 FROM reports WHERE description = 'Photos before the token'`).toHaveLength(0);
  });
});

describe('requests no page of ours sends', () => {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const signIn = [Buffer.from('email=a%40b.co&password=x')];

  it('refuses a form posted from another origin with 403, and takes one from our own', async () => {
    const foreign = await send('POST', '/sign-in', { ...form, Origin: 'https://evil.example' }, signIn);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('A form from another site cannot be sent here');
    const noOrigin = await send('POST', '/sign-in', { ...form, 'Sec-Fetch-Site': 'cross-site' }, signIn);
    expect(noOrigin.status).toBe(403);
    // Without either header (not a browser), the app's own CSRF check refuses it.
    const bare = await send('POST', '/sign-in', form, signIn);
    expect(bare.status).toBe(403);
    const { csrf, headers } = await resident('same-origin');
    const own = await send('POST', '/me', headers(form), [Buffer.from(`_csrf=${csrf}&intent=sign-out-device&session=nothing`)]);
    expect(own.status).toBe(400);
    expect(own.body).toContain('class="error-summary"');
  });

  it('leaves the APIs, which take requests from any origin by their key, to answer for themselves', async () => {
    const api = await send('POST', '/open311/v2/requests.json', { ...form, Origin: 'https://other-city-app.example' }, [Buffer.from('service_code=x')]);
    expect(api.body).not.toContain('A form from another site');
  });

  it('answers TRACE (and other methods no page uses) with 405 and the methods it takes', async () => {
    for (const method of ['TRACE', 'PROPFIND']) {
      const sent = await send(method, '/', {});
      expect(sent.status, method).toBe(405);
      expect(sent.headers.allow).toContain('POST');
    }
  });
});
