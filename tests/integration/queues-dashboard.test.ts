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
async function signIn(email: string): Promise<string> {
  const home = await fetch(`${base}/`);
  const csrfCookie = home.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await home.text())![1]!;
  const response = await fetch(`${base}/sign-in`, {
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
    expect(api.queues.map((q) => q.name).sort()).toEqual(['ballot-status', 'email', 'maintenance', 'report-deadlines', 'report-routing']);
  });
});
