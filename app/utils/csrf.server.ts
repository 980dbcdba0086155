import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { csrfCookie, sessionCookie } from './cookies.server';
import { env } from './env.server';

/**
 * A form's CSRF token is made from this browser's secret (a random value in a signed cookie) and its session: a
 * token read before signing in, or in another session, does not work in this one. A new session gets a new
 * secret as well (rotateCsrfSecret), so nothing read before sign-in is of use after it.
 */
async function readSecret(request: Request): Promise<string | null> {
  const value: unknown = await csrfCookie.parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length >= 32 ? value : null;
}

/** The session the browser's cookie names ('' for none): the token is bound to the cookie as sent, valid or not. */
async function sessionOf(request: Request): Promise<string> {
  const value: unknown = await sessionCookie.parse(request.headers.get('Cookie'));
  return typeof value === 'string' ? value : '';
}

const newSecret = () => randomBytes(32).toString('base64url');
const tokenFor = (secret: string, session: string) => createHmac('sha256', env.SESSION_SECRET).update(`csrf\n${secret}\n${session}`).digest('base64url');

/** The token for this browser's forms, and the Set-Cookie header when its secret is new. */
export async function ensureCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await readSecret(request);
  const secret = existing ?? newSecret();
  return { token: tokenFor(secret, await sessionOf(request)), setCookie: existing ? null : await csrfCookie.serialize(secret) };
}

/** The Set-Cookie header of a fresh secret, sent with a new session (sign-in, registration). */
export function rotateCsrfSecret(): Promise<string> {
  return csrfCookie.serialize(newSecret());
}

/** Every mutation calls this first: a form from another site, or from before this session, cannot carry the token. */
export async function verifyCsrf(request: Request, formData: FormData): Promise<void> {
  const secret = await readSecret(request);
  const formToken = formData.get('_csrf');
  const expected = secret ? tokenFor(secret, await sessionOf(request)) : null;
  const ok = expected !== null && typeof formToken === 'string' && formToken.length === expected.length && timingSafeEqual(Buffer.from(formToken), Buffer.from(expected));
  if (!ok) throw new Response('CSRF token missing or invalid', { status: 403, statusText: 'csrf' });
}
