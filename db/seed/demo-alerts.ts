// The demo city's alerts by area (ADR 056): the demo resident watches their district and the streets around an
// address; two neighbours without accounts watch by e-mail, one confirmed and one still waiting. Through the tool's
// own use-cases; seeds once.
import { eq } from 'drizzle-orm';
import { areaAlerts, districts, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { confirmAlert } from '#app/modules/alerts/manage-alert.server';
import { resolveArea, subscribeToArea } from '#app/modules/alerts/subscribe-to-area.server';
import type { AlertAreaInput } from '#app/modules/alerts/schemas';

export async function seedDemoAlerts(): Promise<string> {
  const [any] = await db.select({ id: areaAlerts.id }).from(areaAlerts).limit(1);
  if (any) return 'already seeded';
  const [resident] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'resident@demo.vmeste.city'));
  const [district] = await db.select({ id: districts.id }).from(districts).where(eq(districts.code, 'zarechny'));
  if (!resident || !district) return 'no demo resident or district';
  const wanted: [owner: Parameters<typeof subscribeToArea>[0], area: AlertAreaInput, confirm: boolean][] = [
    [{ userId: resident.id }, { where: 'district', district: district.id }, false],
    [{ userId: resident.id }, { where: 'address', address: 'Лесная 12', radius: 500 }, false],
    [{ email: 'neighbour@demo.vmeste.city', locale: 'ru' }, { where: 'address', address: 'Садовая 3', radius: 1000 }, true],
    [{ email: 'newcomer-by-mail@demo.vmeste.city', locale: 'en' }, { where: 'district', district: district.id }, false],
  ];
  let made = 0;
  for (const [owner, input, confirm] of wanted) {
    const area = await resolveArea(input, 'userId' in owner ? 'ru' : owner.locale);
    if (!area.ok) continue;
    const subscribed = await subscribeToArea(owner, area.value);
    if (!subscribed.ok) continue;
    if (confirm) await confirmAlert(subscribed.value.alertId);
    made++;
  }
  return `${made} alerts`;
}
