import { eq, inArray, sql } from 'drizzle-orm';
import { centreHours, centreServices, centres, services } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';
import { hourDays, type CentreInput } from './schemas';

/** The centre's row, hours and services as the audit log keeps them. */
function auditView(input: CentreInput) {
  const { serviceIds, ...rest } = input;
  return { ...rest, serviceIds: [...serviceIds].sort((a, b) => a - b) };
}

/**
 * Writes one centre in the caller's transaction: its row (by id, or by code when none: an import replaces the centre
 * with that code), its hours and services replaced whole. The district is the one its point lies in.
 */
export async function writeCentre(tx: Tx, actorId: string, input: CentreInput, id?: number): Promise<Result<{ id: number }>> {
  const known = input.serviceIds.length ? await tx.select({ id: services.id }).from(services).where(inArray(services.id, input.serviceIds)) : [];
  if (known.length !== new Set(input.serviceIds).size) return { ok: false, errors: { serviceIds: 'errors.choice' } };
  const [clash] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.code, input.code));
  if (clash && id !== undefined && clash.id !== id) return { ok: false, errors: { code: 'centres.codeTaken' } };
  const target = id ?? clash?.id;
  const [before] = target ? await tx.select().from(centres).where(eq(centres.id, target)).for('update') : [];
  if (id !== undefined && !before) return { ok: false, errors: { form: 'centres.notFound' } };
  const location = sql`ST_SetSRID(ST_MakePoint(${input.longitude}, ${input.latitude}), 4326)`;
  const row = {
    code: input.code,
    nameRu: input.nameRu,
    nameEn: input.nameEn,
    addressRu: input.addressRu,
    addressEn: input.addressEn,
    location,
    districtId: sql`(SELECT id FROM districts WHERE ST_Covers(geom, ${location}) ORDER BY id LIMIT 1)`,
    windows: input.windows,
    slotMinutes: input.slotMinutes,
    accessibilityRu: input.accessibilityRu ?? null,
    accessibilityEn: input.accessibilityEn ?? null,
  };
  const [saved] = before
    ? await tx.update(centres).set({ ...row, updatedAt: new Date() } as never).where(eq(centres.id, before.id)).returning({ id: centres.id })
    : await tx.insert(centres).values(row as never).returning({ id: centres.id });
  const centreId = saved!.id;
  await tx.delete(centreHours).where(eq(centreHours.centreId, centreId));
  const hours = hourDays.flatMap((weekday) => {
    const h = input[`hours${weekday}`];
    return h ? [{ centreId, weekday, opens: h.opens, closes: h.closes }] : [];
  });
  if (hours.length) await tx.insert(centreHours).values(hours);
  await tx.delete(centreServices).where(eq(centreServices.centreId, centreId));
  if (input.serviceIds.length) await tx.insert(centreServices).values([...new Set(input.serviceIds)].map((serviceId) => ({ centreId, serviceId })));
  await recordAudit(tx, { actorId, action: before ? 'centre.update' : 'centre.create', targetType: 'centre', targetId: centreId, before: before ? { code: before.code, nameRu: before.nameRu, nameEn: before.nameEn, windows: before.windows } : null, after: auditView(input) });
  return { ok: true, value: { id: centreId } };
}

/** Creates a centre (no id) or changes one, with its hours and services, and the audit entry, in one transaction. */
export async function saveCentre(actorId: string, input: CentreInput, id?: number): Promise<Result<{ id: number }>> {
  // writeCentre refuses before its first write, so a refusal leaves nothing to roll back.
  return db.transaction((tx) => writeCentre(tx, actorId, input, id));
}
