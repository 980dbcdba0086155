import { auditLog } from '#db/schema/index';
import type { DbOrTx } from '#app/utils/db.server';

export type AuditEntry = {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
};

/** Writes one staff action, inside the caller's transaction so the change and its record land together. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
