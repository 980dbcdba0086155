// The signed links of area alerts (ADR 056): a confirmation that expires, and an unsubscribe and a "manage this
// alert" (ADR 062) that do not. Each is an HMAC with the app's secret over its purpose and the alert's id, so a link
// for one alert, or for another purpose, is refused; nothing is stored.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '#app/utils/env.server';

export type AlertLinkPurpose = 'confirm' | 'unsubscribe' | 'manage';

/** How long a confirmation link works. */
export const confirmationLifetimeMs = 3 * 24 * 3600_000;

const signature = (purpose: AlertLinkPurpose, alertId: number, expires: number | null) =>
  createHmac('sha256', env.SESSION_SECRET).update(`area-alert-${purpose}\n${alertId}\n${expires ?? ''}`).digest('base64url');

/** `<id>.<expires, seconds>.<signature>` for a confirmation, `<id>.<signature>` for an unsubscribe or a manage link. */
export function signAlertLink(purpose: AlertLinkPurpose, alertId: number, now = Date.now()): string {
  if (purpose !== 'confirm') return `${alertId}.${signature(purpose, alertId, null)}`;
  const expires = Math.floor((now + confirmationLifetimeMs) / 1000);
  return `${alertId}.${expires}.${signature(purpose, alertId, expires)}`;
}

export type ReadLink = { ok: true; alertId: number } | { ok: false; why: 'invalid' | 'expired' };

/** The alert a link names, if its signature is ours for this purpose (and, for a confirmation, it has not expired). */
export function readAlertLink(purpose: AlertLinkPurpose, token: string, now = Date.now()): ReadLink {
  const parts = token.split('.');
  const pattern = purpose === 'confirm' ? /^\d{1,9}\.\d{1,12}\.[A-Za-z0-9_-]{43}$/ : /^\d{1,9}\.[A-Za-z0-9_-]{43}$/;
  if (token.length > 80 || !pattern.test(token)) return { ok: false, why: 'invalid' };
  const alertId = Number(parts[0]);
  const expires = purpose === 'confirm' ? Number(parts[1]) : null;
  const given = Buffer.from(parts.at(-1)!);
  const expected = Buffer.from(signature(purpose, alertId, expires));
  if (alertId < 1 || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'invalid' };
  if (expires !== null && expires * 1000 < now) return { ok: false, why: 'expired' };
  return { ok: true, alertId };
}
