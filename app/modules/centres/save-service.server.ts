import { eq, inArray } from 'drizzle-orm';
import { centreServices, centres, services } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';
import type { ServiceInput } from './schemas';

/** A service to save; with `centreIds`, the centres offering it are replaced by those (without, they are kept). */
export type ServiceSave = ServiceInput & { centreIds?: number[] };

/** What a write did: a catalogue import counts them, and an unchanged service is neither written nor audited. */
export type ServiceWritten = { id: number; outcome: 'created' | 'updated' | 'unchanged' };

const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Writes one service in the caller's transaction. By `id`, or `'new'`: another service's code is refused either way,
 * even when two admins take the same one at once. Without either, the service with the code is replaced (the seed's
 * own, an import's row). A service whose fields and centres are already those is left as it is.
 */
export async function writeService(tx: Tx, actorId: string, input: ServiceSave, id?: number | 'new'): Promise<Result<ServiceWritten>> {
  const { centreIds, ...fields } = input;
  const chosen = [...new Set(centreIds ?? [])].sort((a, b) => a - b);
  const known = chosen.length ? await tx.select({ id: centres.id }).from(centres).where(inArray(centres.id, chosen)) : [];
  if (known.length !== chosen.length) return { ok: false, errors: { centreIds: 'errors.choice' } };
  const [clash] = await tx.select({ id: services.id }).from(services).where(eq(services.code, fields.code));
  if (clash && id !== undefined && clash.id !== id) return { ok: false, errors: { code: 'services.codeTaken' } };
  const target = id === 'new' ? undefined : (id ?? clash?.id);
  const [before] = target ? await tx.select().from(services).where(eq(services.id, target)).for('update') : [];
  if (typeof id === 'number' && !before) return { ok: false, errors: { form: 'services.notFound' } };
  const row = { ...fields, documentsRu: fields.documentsRu.join('\n'), documentsEn: fields.documentsEn.join('\n') };
  if (before) {
    const offered = (await tx.select({ centreId: centreServices.centreId }).from(centreServices).where(eq(centreServices.serviceId, before.id))).map((o) => o.centreId).sort((a, b) => a - b);
    const same = (Object.keys(row) as (keyof typeof row)[]).every((k) => before[k] === row[k]) && (!centreIds || sameIds(offered, chosen));
    if (same) return { ok: true, value: { id: before.id, outcome: 'unchanged' } };
  }
  const [saved] = before
    ? await tx.update(services).set({ ...row, updatedAt: new Date() }).where(eq(services.id, before.id)).returning({ id: services.id })
    : // A code another admin took since the check above: the unique index decides, and this one is told.
      await tx.insert(services).values(row).onConflictDoNothing({ target: services.code }).returning({ id: services.id });
  if (!saved) return { ok: false, errors: { code: 'services.codeTaken' } };
  const serviceId = saved.id;
  if (centreIds) {
    await tx.delete(centreServices).where(eq(centreServices.serviceId, serviceId));
    if (chosen.length) await tx.insert(centreServices).values(chosen.map((centreId) => ({ centreId, serviceId })));
  }
  const audited = centreIds ? { ...row, centreIds: chosen } : row;
  const previous = before ? { code: before.code, situation: before.situation, nameRu: before.nameRu, nameEn: before.nameEn, durationMinutes: before.durationMinutes } : null;
  await recordAudit(tx, { actorId, action: before ? 'service.update' : 'service.create', targetType: 'service', targetId: serviceId, before: previous, after: audited });
  return { ok: true, value: { id: serviceId, outcome: before ? 'updated' : 'created' } };
}

/** Adds a service to the catalogue or changes one (writeService), in one transaction with its audit entry. */
export async function saveService(actorId: string, input: ServiceSave, id?: number | 'new'): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const written = await writeService(tx, actorId, input, id);
    return written.ok ? { ok: true, value: { id: written.value.id } } : written;
  });
}
