import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '#db/schema/index';
import { db } from '#app/utils/db.server';

/** Marks one notification (or all of them) read; only the owner's rows are touched. */
export async function markNotificationsRead(userId: string, notificationId?: number): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), notificationId ? eq(notifications.id, notificationId) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}
