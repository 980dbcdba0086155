import { randomBytes, timingSafeEqual } from 'node:crypto';
import { csrfCookie } from './cookies.server';

export async function readCsrfToken(request: Request): Promise<string | null> {
  const value: unknown = await csrfCookie.parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length >= 32 ? value : null;
}

/** The token for this browser, and the Set-Cookie header when it is new. */
export async function ensureCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await readCsrfToken(request);
  if (existing) return { token: existing, setCookie: null };
  const token = randomBytes(32).toString('base64url');
  return { token, setCookie: await csrfCookie.serialize(token) };
}

/** Every mutation calls this first: a form from another site cannot carry the signed token. */
export async function verifyCsrf(request: Request, formData: FormData): Promise<void> {
  const cookieToken = await readCsrfToken(request);
  const formToken = formData.get('_csrf');
  const ok =
    cookieToken !== null &&
    typeof formToken === 'string' &&
    formToken.length === cookieToken.length &&
    timingSafeEqual(Buffer.from(formToken), Buffer.from(cookieToken));
  if (!ok) throw new Response('CSRF token missing or invalid', { status: 403, statusText: 'csrf' });
}
