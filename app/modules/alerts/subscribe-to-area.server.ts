// Subscribing to an area (ADR 056): a signed-in person's alert is active at once; an e-mail address's waits for the
// confirmation link, which is sent at most once an hour however often the form is posted (and the form is rate-limited).
import { and, eq, sql as dsql } from 'drizzle-orm';
import { areaAlerts } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import { localName, type Locale } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import type { Result } from '#app/utils/result';
import { listDistricts, searchAddresses } from '#app/modules/city/index.server';
import { emailAddress } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { getReport, isPublicReport } from '#app/modules/reports/index.server';
import { cityDayOf, scheduleDigest } from './jobs';
import { alertsPerPerson, type AlertAreaInput } from './schemas';
import { signAlertLink } from './tokens.server';

export type AlertArea = { districtId: number; lat?: undefined; lng?: undefined; radius?: undefined } | { districtId?: undefined; lat: number; lng: number; radius: number };
export type ResolvedArea = { area: AlertArea; label: string };

/** Where the form points, as a district or a point and radius, with what to call it; refused when it names nothing. */
export async function resolveArea(input: AlertAreaInput, locale: Locale): Promise<Result<ResolvedArea>> {
  switch (input.where) {
    case 'district': {
      const district = (await listDistricts()).find((d) => d.id === input.district);
      return district ? { ok: true, value: { area: { districtId: district.id }, label: localName(locale, district) } } : { ok: false, errors: { district: 'alerts.chooseDistrict' } };
    }
    case 'address': {
      const [found] = await searchAddresses(input.address, 1);
      if (!found) return { ok: false, errors: { address: 'alerts.addressNotFound' } };
      return { ok: true, value: { area: { lat: found.lat, lng: found.lng, radius: input.radius }, label: locale === 'ru' ? found.fullRu : found.fullEn } };
    }
    case 'report': {
      const report = await getReport(input.report);
      // Only a report anyone may see: an unmoderated or rejected one's place is not to be learnt this way.
      if (!report || !isPublicReport(report)) return { ok: false, errors: { report: 'alerts.reportNotFound' } };
      return { ok: true, value: { area: { lat: report.lat, lng: report.lng, radius: input.radius }, label: report.address } };
    }
    case 'point':
      return { ok: true, value: { area: { lat: input.lat, lng: input.lng, radius: input.radius }, label: `${input.lat.toFixed(5)}, ${input.lng.toFixed(5)}` } };
  }
}

export type Owner = { userId: string } | { email: string; locale: Locale };
export type Subscribed = { alertId: number; status: 'active' | 'pending' | 'paused'; existed: boolean; outboxIds: number[] };

const ownerKey = (owner: Owner) => ('userId' in owner ? owner.userId : owner.email.toLowerCase());

/** The confirmation e-mail of an address's alert: a signed link that expires (tokens.server.ts). */
async function sendConfirmation(tx: Tx, alertId: number, email: string, locale: Locale, label: string): Promise<number[]> {
  const t = translator(locale);
  const link = `${appOrigin()}/alerts/confirm/${signAlertLink('confirm', alertId)}`;
  await tx.update(areaAlerts).set({ confirmationSentAt: new Date() }).where(eq(areaAlerts.id, alertId));
  // Sensitive: the link confirms for whoever holds it, so the outbox page hides it and drops it once sent.
  return emailAddress(tx, { to: email, subject: t('alerts.confirmSubject'), body: t('alerts.confirmBody', { area: label, link, days: 3 }), sensitive: true });
}

/**
 * Subscribes `owner` to the area. Asking again for the same area finds the alert there is (and for an address
 * still unconfirmed, sends the link again if the last went more than an hour ago). At most `alertsPerPerson` each.
 * The confirmation e-mail is queued once the subscription has committed.
 */
export async function subscribeToArea(owner: Owner, { area, label }: ResolvedArea, now = new Date()): Promise<Result<Subscribed>> {
  const key = ownerKey(owner);
  const result = await db.transaction(async (tx): Promise<Result<Subscribed>> => {
    // One owner's subscriptions are counted and written one at a time, so ten posts at once cannot pass the limit.
    await tx.execute(dsql`SELECT pg_advisory_xact_lock(hashtext(${`area-alerts:${key}`}))`);
    const ownerIs = 'userId' in owner ? eq(areaAlerts.userId, owner.userId) : dsql`lower(${areaAlerts.email}) = ${key}`;
    const sameArea = area.districtId !== undefined
      ? dsql`${areaAlerts.districtId} = ${area.districtId}`
      : dsql`${areaAlerts.lat} = ${area.lat} AND ${areaAlerts.lng} = ${area.lng} AND ${areaAlerts.radius} = ${area.radius}`;
    const [existing] = await tx.select().from(areaAlerts).where(and(ownerIs, sameArea));
    if (existing) {
      const resend = 'email' in owner && existing.status === 'pending' && (!existing.confirmationSentAt || now.getTime() - existing.confirmationSentAt.getTime() > 3600_000);
      const outboxIds = resend ? await sendConfirmation(tx, existing.id, existing.email!, existing.locale, existing.label || label) : [];
      return { ok: true, value: { alertId: existing.id, status: existing.status, existed: true, outboxIds } };
    }
    const [{ count } = { count: 0 }] = await tx.select({ count: dsql<number>`count(*)::int` }).from(areaAlerts).where(ownerIs);
    if (count >= alertsPerPerson) return { ok: false, errors: { form: 'alerts.tooMany' } };
    const [row] = await tx
      .insert(areaAlerts)
      .values({
        ...('userId' in owner ? { userId: owner.userId, status: 'active' as const, confirmedAt: now } : { email: owner.email, locale: owner.locale, status: 'pending' as const }),
        districtId: area.districtId ?? null,
        lat: area.lat ?? null,
        lng: area.lng ?? null,
        radius: area.radius ?? null,
        label,
        digestFrom: now,
      })
      .returning({ id: areaAlerts.id, status: areaAlerts.status });
    const outboxIds = 'email' in owner ? await sendConfirmation(tx, row!.id, owner.email, owner.locale, label) : [];
    return { ok: true, value: { alertId: row!.id, status: row!.status, existed: false, outboxIds } };
  });
  if (!result.ok) return result;
  await enqueueEmailDelivery(result.value.outboxIds);
  if (result.value.status === 'active' && !result.value.existed) await scheduleDigest(result.value.alertId, cityDayOf(now));
  return result;
}
