import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb, stopProcess } from '../support/processes';

const port = 3800 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let web: ChildProcess;

beforeAll(async () => {
  web = await startWeb(port, {});
});
afterAll(() => stopProcess(web));

/** Signs in through the real server (CSRF cookie and token, then the form) and returns the cookie header. */
async function signIn(email: string, at = base): Promise<string> {
  const home = await fetch(`${at}/`);
  const csrfCookie = home.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await home.text())![1]!;
  const response = await fetch(`${at}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password: 'vmeste-demo-2026' }),
  });
  expect(response.status).toBe(302);
  return [csrfCookie, ...response.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
}

describe('the queues dashboard (/admin/queues)', () => {
  it('sends an anonymous visitor to sign in and back', async () => {
    const response = await fetch(`${base}/admin/queues`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sign-in?redirectTo=%2Fadmin%2Fqueues');
    expect((await fetch(`${base}/admin/queues/api/queues`, { redirect: 'manual' })).status).toBe(302);
  });

  it('shows a moderator the friendly 403 page, not the queues', async () => {
    const cookie = await signIn('moderator@demo.vmeste.city');
    const response = await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie, 'accept-language': 'en' }, redirect: 'manual' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('You do not have access to this page');
  });

  it('shows an admin every queue with its counts', async () => {
    const cookie = await signIn('admin@demo.vmeste.city');
    expect(await (await fetch(`${base}/admin/queues`, { headers: { cookie } })).text()).toContain('Bull Dashboard');
    const api = (await (await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie } })).json()) as { queues: { name: string }[] };
    expect(api.queues.map((q) => q.name).sort()).toEqual(['alert-digests', 'ballot-opened', 'ballot-status', 'email', 'initiative-deadlines', 'initiative-notices', 'maintenance', 'report-deadlines', 'report-routing', 'visit-reminders']);
  });

  it('serves the dashboard under a Content-Security-Policy that runs only its own scripts', async () => {
    const cookie = await signIn('admin@demo.vmeste.city');
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const csp = (await fetch(`${base}${path}`, { headers: { cookie } })).headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives.get('script-src'), path).toEqual(["'self'"]);
      expect(directives.get('default-src'), path).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
    }
  });

  it('is read-only for an admin too: no job retried, removed or queue paused', async () => {
    const cookie = await signIn('admin@demo.vmeste.city');
    const headers = { cookie, 'content-type': 'application/json' };
    const writes: [string, string][] = [
      ['PUT', '/admin/queues/api/queues/pause'],
      ['PUT', '/admin/queues/api/queues/email/pause'],
      ['PUT', '/admin/queues/api/queues/email/retry/failed'],
      ['PUT', '/admin/queues/api/queues/email/clean/failed'],
      ['PUT', '/admin/queues/api/queues/email/some-job/retry/failed'],
      ['DELETE', '/admin/queues/api/queues/email/empty'],
      ['POST', '/admin/queues/api/queues/email/add'],
    ];
    for (const [method, path] of writes) {
      const response = await fetch(`${base}${path}`, { method, headers, body: '{}' });
      expect(response.status, `${method} ${path}`).toBe(405);
    }
    const api = (await (await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie } })).json()) as { queues: { name: string; readOnlyMode: boolean; isPaused: boolean }[] };
    expect(api.queues.filter((q) => !q.readOnlyMode).map((q) => q.name)).toEqual([]);
    expect(api.queues.filter((q) => q.isPaused).map((q) => q.name)).toEqual([]);
  });

  it('lets an admin pause and resume a queue only when QUEUES_DASHBOARD_WRITABLE=true', async () => {
    // A server of its own, on queues of its own: pausing them touches nothing the other tests use.
    const writablePort = port + 90;
    const writable = await startWeb(writablePort, { QUEUES_DASHBOARD_WRITABLE: 'true', QUEUE_PREFIX: `{queues-writable-${process.pid}}` });
    try {
      const at = `http://127.0.0.1:${writablePort}`;
      const cookie = await signIn('admin@demo.vmeste.city', at);
      const state = async () => ((await (await fetch(`${at}/admin/queues/api/queues`, { headers: { cookie } })).json()) as { queues: { name: string; isPaused: boolean; readOnlyMode: boolean }[] }).queues.find((q) => q.name === 'email');
      expect((await state())?.readOnlyMode).toBe(false);
      expect((await fetch(`${at}/admin/queues/api/queues/email/pause`, { method: 'PUT', headers: { cookie } })).status).toBe(200);
      expect((await state())?.isPaused).toBe(true);
      expect((await fetch(`${at}/admin/queues/api/queues/email/resume`, { method: 'PUT', headers: { cookie } })).status).toBe(200);
      expect((await state())?.isPaused).toBe(false);
    } finally {
      await stopProcess(writable);
    }
  });
});
