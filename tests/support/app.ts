// Drives the built Remix app in-process (the same request handler the server uses) with a cookie jar,
// against the real test Postgres and Redis. No mocks: each request runs loaders, actions and SQL for real.
import { createRequestHandler } from '@remix-run/node';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ServerBuild } from '@remix-run/node';

const buildPath = resolve(import.meta.dirname, '../../build/server/index.js');
let handler: ReturnType<typeof createRequestHandler> | undefined;

async function appHandler() {
  if (!handler) {
    const build = (await import(buildPath)) as ServerBuild;
    const remix = createRequestHandler(build, 'production');
    // As scripts/serve.mjs: each request in its own request scope (ADR 064).
    const { runInRequestScope } = build.entry.module as unknown as { runInRequestScope: <T>(handle: () => T) => T };
    handler = (request, context) => runInRequestScope(() => remix(request, context));
  }
  return handler;
}

export class Browser {
  private cookies = new Map<string, string>();
  /** The address in-process requests are made to, as a browser's Host header would give it. */
  origin = 'http://localhost';
  /** In-process by default; with a base URL, over real HTTP to a running server (fault tests). */
  constructor(
    readonly ip: string = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    readonly baseUrl?: string,
  ) {}

  private store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Puts a cookie in the jar as if the server had set it (tests that tamper with what a browser holds). */
  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', this.cookieHeader());
    if (!headers.has('Accept-Language')) headers.set('Accept-Language', 'en');
    const response = this.baseUrl
      ? await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual', signal: init.signal ?? AbortSignal.timeout(15_000) })
      : await (await appHandler())(new Request(`${this.origin}${path}`, { ...init, headers, redirect: 'manual' }), { clientIp: this.ip });
    this.store(response);
    return response;
  }

  async get(path: string) {
    return this.request(path);
  }

  /** The CSRF token this browser's forms carry (fetched from any page). */
  async csrf(): Promise<string> {
    const html = await (await this.get('/ideas')).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error('no CSRF token on the page');
    return match[1]!;
  }

  /** Posts a form like a browser without JavaScript would. */
  async post(path: string, fields: Record<string, string | string[]>, { csrf = true }: { csrf?: boolean } = {}) {
    const body = new URLSearchParams();
    if (csrf) body.set('_csrf', await this.csrf());
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return this.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }

  /** Posts a form with files like a browser would: the page's CSRF token first, before any file. */
  async postMultipart(path: string, form: FormData) {
    const body = new FormData();
    body.set('_csrf', await this.csrf());
    for (const [k, v] of form) if (k !== '_csrf') body.append(k, v);
    return this.request(path, { method: 'POST', body });
  }

  async signIn(email: string, password = 'vmeste-demo-2026') {
    const response = await this.post('/sign-in', { email, password });
    if (response.status !== 302 && response.status !== 204) throw new Error(`sign-in failed: ${response.status}`);
    return response;
  }
}

export const uniqueEmail = (label = 'person') => `${label}-${randomUUID().slice(0, 8)}@test.vmeste.city`;
export const demoPassword = 'vmeste-demo-2026';

/** Registers a fresh resident and returns a browser signed in as them. */
export async function newResident(label = 'resident') {
  const browser = new Browser();
  const email = uniqueEmail(label);
  const response = await browser.post('/register', { name: `Test ${label}`, email, password: 'a-long-password-1' });
  if (response.status !== 302 && response.status !== 204) throw new Error(`register failed: ${response.status}`);
  return { browser, email };
}
