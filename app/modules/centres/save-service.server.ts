import type { z } from 'zod';
import { services } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';
import type { serviceSchema } from './schemas';

/** Adds a service to the catalogue, or replaces the one with its code; audited. */
export async function saveService(actorId: string, input: z.output<typeof serviceSchema>): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const row = { ...input, documentsRu: input.documentsRu.join('\n'), documentsEn: input.documentsEn.join('\n') };
    const [saved] = await tx
      .insert(services)
      .values(row)
      .onConflictDoUpdate({ target: services.code, set: { ...row, updatedAt: new Date() } })
      .returning({ id: services.id });
    await recordAudit(tx, { actorId, action: 'service.save', targetType: 'service', targetId: saved!.id, after: row });
    return { ok: true, value: { id: saved!.id } };
  });
}
