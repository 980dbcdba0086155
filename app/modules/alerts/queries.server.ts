// Read models of the alert pages (ADR 056).
import { desc, eq, sql } from 'drizzle-orm';
import { areaAlertDigests, areaAlerts } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { areaQuery, type Area } from '#app/modules/reports/index.server';

type Watching = { districtId: number | null; lat: number | null; lng: number | null; radius: number | null };
export type AlertRow = Watching & { id: number; label: string; status: 'pending' | 'active' | 'paused'; createdAt: Date; lastDigest: string | null; feedQuery: string };

/** The area an alert watches (a district, or a point and radius), as Reports' feed reads it. */
export const watchedArea = (alert: Watching): Area =>
  alert.districtId !== null ? { districtId: alert.districtId } : { lat: alert.lat!, lng: alert.lng!, radius: alert.radius! };

/** A person's alerts, newest first, with the day of each one's last digest that listed something and its feed's query. */
export async function alertsOf(userId: string): Promise<AlertRow[]> {
  const rows = await db
    .select({
      id: areaAlerts.id,
      label: areaAlerts.label,
      districtId: areaAlerts.districtId,
      lat: areaAlerts.lat,
      lng: areaAlerts.lng,
      radius: areaAlerts.radius,
      status: areaAlerts.status,
      createdAt: areaAlerts.createdAt,
      lastDigest: sql<string | null>`(SELECT max(digest.day)::text FROM ${areaAlertDigests} digest WHERE digest.alert_id = ${areaAlerts.id} AND digest.reports + digest.answers > 0)`,
    })
    .from(areaAlerts)
    .where(eq(areaAlerts.userId, userId))
    .orderBy(desc(areaAlerts.createdAt), desc(areaAlerts.id));
  return rows.map((row) => ({ ...row, feedQuery: areaQuery(watchedArea(row)) }));
}

/** What an alert's signed link shows before the button is pressed: its area, or null when it is gone. */
export async function alertForLink(alertId: number): Promise<{ label: string; status: 'pending' | 'active' | 'paused' } | null> {
  const [row] = await db.select({ label: areaAlerts.label, status: areaAlerts.status }).from(areaAlerts).where(eq(areaAlerts.id, alertId));
  return row ?? null;
}
