import { createCookie } from '@remix-run/node';
import { env, secureCookies } from './env.server';

const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: secureCookies };

/** Holds only the id of a row in `sessions`; signed so it cannot be forged, revocable in the table. */
export const sessionCookie = createCookie('vmeste_session', { ...base, secrets: [env.SESSION_SECRET], maxAge: 60 * 60 * 24 * 30 });

/** This browser's CSRF secret: forms carry a token made from it and the session (app/utils/csrf.server.ts). */
export const csrfCookie = createCookie('vmeste_csrf', { ...base, secrets: [env.SESSION_SECRET] });

/** The chosen UI language, remembered for a year. */
export const langCookie = createCookie('vmeste_lang', { ...base, maxAge: 60 * 60 * 24 * 365 });
