import { desc, eq, lt } from 'drizzle-orm';
import { auditLog, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';

/** The newest staff actions first, a page at a time (before = the last id seen). */
export async function listAuditEntries({ limit = 100, before }: { limit?: number; before?: number } = {}) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      at: auditLog.at,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(before ? lt(auditLog.id, before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
