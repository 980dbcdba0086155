// An area alert's daily digest (ADR 056): the public reports filed and answers given in the area since the last one,
// one e-mail (and a push to those who chose the "alerts" topic) per alert and city-local day, nothing when nothing
// is new. The (alert, day) row is written in the same transaction as the e-mail, so a retried or repeated job, or
// two at once, sends it once.
import { and, eq } from 'drizzle-orm';
import { areaAlertDigests, areaAlerts, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import type { Locale } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import { emailAddress, pushToPerson } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { areaEntries, areaEntryTitle, areaQuery, type Area, type AreaEntry } from '#app/modules/reports/index.server';
import { cityDayOf, ensureDigests, nextDay, scheduleDigest } from './jobs';
import { watchedArea } from './queries.server';
import { signAlertLink } from './tokens.server';

/** At most this many items are listed; the rest are counted and the feed has them all. */
const listed = 50;

export type DigestOutcome = 'sent' | 'nothing-new' | 'already' | 'inactive' | 'no-address';

function digestText(locale: Locale, alert: { id: number; label: string; userId: string | null }, area: Area, entries: AreaEntry[]) {
  const t = translator(locale);
  const origin = appOrigin();
  const reports = entries.filter((e) => e.kind === 'report').length;
  const answers = entries.length - reports;
  const lines = entries
    .slice(0, listed)
    .map((e) => `• ${areaEntryTitle(e, locale, t)}\n  ${e.address} — ${e.text.replace(/\s+/g, ' ').slice(0, 200)}\n  ${origin}/reports/${e.reportId}${e.kind === 'answer' ? `#answer-${e.answerId}` : ''}`);
  const feed = `${origin}/reports/feed.atom?${areaQuery(area)}`;
  const unsubscribe = `${origin}/alerts/unsubscribe/${signAlertLink('unsubscribe', alert.id)}`;
  const subject = t('alerts.digestSubject', { area: alert.label, count: entries.length });
  const body = [
    t('alerts.digestIntro', { area: alert.label, reports, answers }),
    '',
    ...lines,
    ...(entries.length > listed ? ['', t('alerts.digestMore', { count: entries.length - listed })] : []),
    '',
    t('alerts.digestFeed', { link: feed }),
    // An account's alerts are managed in its cabinet; an e-mail-only alert by its own signed link (ADR 062).
    alert.userId ? t('alerts.digestManage', { link: `${origin}/me/alerts` }) : t('alerts.digestManageLink', { link: `${origin}/alerts/manage/${signAlertLink('manage', alert.id)}` }),
    t('alerts.digestUnsubscribe', { link: unsubscribe }),
  ].join('\n');
  return { subject, body, unsubscribe, reports, answers };
}

/** Makes the alert's digest of `day` (city-local) once: the e-mail and push rows are written here, sent after the commit. */
export async function sendAreaDigest(alertId: number, day: string, now = new Date()): Promise<DigestOutcome> {
  const outcome = await db.transaction(async (tx) => {
    // The row lock makes a second job for the same alert wait, then find the day's row and do nothing.
    const [alert] = await tx.select().from(areaAlerts).where(eq(areaAlerts.id, alertId)).for('update');
    if (!alert || alert.status !== 'active') return { outcome: 'inactive' as const, ids: [] };
    const [done] = await tx.select({ day: areaAlertDigests.day }).from(areaAlertDigests).where(and(eq(areaAlertDigests.alertId, alertId), eq(areaAlertDigests.day, day)));
    if (done) return { outcome: 'already' as const, ids: [] };
    const area = watchedArea(alert);
    const entries = await areaEntries(area, 1000, { from: alert.digestFrom, until: now });
    await tx.update(areaAlerts).set({ digestFrom: now }).where(eq(areaAlerts.id, alertId));
    if (entries.length === 0) {
      await tx.insert(areaAlertDigests).values({ alertId, day, reports: 0, answers: 0 });
      return { outcome: 'nothing-new' as const, ids: [] };
    }
    let to = alert.email;
    let locale: Locale = alert.locale;
    if (alert.userId) {
      const [owner] = await tx.select({ email: users.email, locale: users.locale, deletedAt: users.deletedAt }).from(users).where(eq(users.id, alert.userId));
      to = owner && !owner.deletedAt ? owner.email : null;
      locale = owner?.locale ?? locale;
    }
    const text = digestText(locale, alert, area, entries);
    const mailed = to ? await emailAddress(tx, { userId: alert.userId, to, subject: text.subject, body: text.body, unsubscribeUrl: text.unsubscribe }) : [];
    const pushed = alert.userId
      ? await pushToPerson(tx, { userId: alert.userId, topic: 'alerts', kind: 'alerts.digestPush', params: { area: alert.label, reports: text.reports, answers: text.answers }, link: '/me/alerts' })
      : [];
    await tx.insert(areaAlertDigests).values({ alertId, day, reports: text.reports, answers: text.answers, outboxId: mailed[0] ?? null });
    return { outcome: mailed.length + pushed.length > 0 ? ('sent' as const) : ('no-address' as const), ids: [...mailed, ...pushed] };
  });
  await enqueueEmailDelivery(outcome.ids);
  if (outcome.outcome !== 'inactive') await scheduleDigest(alertId, nextDay(day));
  return outcome.outcome;
}

/**
 * The sweeper's repair from Postgres: every active alert's next digest is queued — today's if it has not been made,
 * else tomorrow's — whatever Redis lost.
 */
export async function sweepAreaDigests(now = new Date()): Promise<number> {
  const today = cityDayOf(now);
  const rows = await sql<{ id: number; done: boolean }[]>`
    SELECT a.id, EXISTS (SELECT 1 FROM area_alert_digests d WHERE d.alert_id = a.id AND d.day = ${today}::date) AS done
    FROM area_alerts a WHERE a.status = 'active' ORDER BY a.id LIMIT 10000`;
  await ensureDigests(rows.map((r) => ({ alertId: r.id, day: r.done ? nextDay(today) : today })), now.getTime());
  return rows.length;
}
