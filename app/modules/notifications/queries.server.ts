import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { emailOutbox, notifications } from '#db/schema/index';
import { db } from '#app/utils/db.server';

export async function countUnread(userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(userId: string, limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(limit);
}

export async function listOutbox(limit = 100) {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(limit);
}
