// Taking a service out of the catalogue (ADR 063): withdrawn, it is no longer listed or bookable, while the visits
// already booked for it keep it; deleted, it is gone, which only a service nothing ever referred to may be.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { services } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';

/**
 * Withdraws a listed service (`withdrawn`) or lists a withdrawn one again; audited. The row lock taken by the update
 * waits for a booking that holds the service (bookVisit reads it FOR SHARE), so no booking slips in after a withdrawal.
 */
export async function setServiceWithdrawn(actorId: string, serviceId: number, withdrawn: boolean): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(services)
      .set({ withdrawnAt: withdrawn ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(services.id, serviceId), withdrawn ? isNull(services.withdrawnAt) : isNotNull(services.withdrawnAt)))
      .returning({ id: services.id, code: services.code });
    if (!changed) {
      const [exists] = await tx.select({ id: services.id }).from(services).where(eq(services.id, serviceId));
      return { ok: false, errors: { form: exists ? (withdrawn ? 'services.alreadyWithdrawn' : 'services.notWithdrawn') : 'services.notFound' } };
    }
    await recordAudit(tx, { actorId, action: withdrawn ? 'service.withdraw' : 'service.restore', targetType: 'service', targetId: serviceId, after: { code: changed.code } });
    return { ok: true, value: null };
  });
}

/**
 * Deletes a service that no visit or ticket ever referred to, with its centres' offers; audited with what it was. One
 * that was booked is refused (withdraw it instead), and the foreign keys (ON DELETE RESTRICT) hold that under races.
 */
export async function deleteService(actorId: string, serviceId: number): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(eq(services.id, serviceId)).for('update');
    if (!service) return { ok: false, errors: { form: 'services.notFound' } };
    const [used] = await tx.execute<{ used: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM visits WHERE service_id = ${serviceId}) OR EXISTS (SELECT 1 FROM tickets WHERE service_id = ${serviceId}) AS used`);
    if (used?.used) return { ok: false, errors: { form: 'services.deleteBooked' } };
    await tx.delete(services).where(eq(services.id, serviceId));
    const { id: _, createdAt: _c, updatedAt: _u, ...before } = service;
    await recordAudit(tx, { actorId, action: 'service.delete', targetType: 'service', targetId: serviceId, before });
    return { ok: true, value: null };
  });
}
