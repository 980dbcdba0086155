import { eq } from 'drizzle-orm';
import { initiativeSupports } from '#db/schema/index';
import type { Tx } from '#app/utils/db.server';
import type { MessageKey } from '#app/utils/i18n';
import { notify } from '#app/modules/notifications/index.server';

type Notice = { kind: MessageKey; subject: MessageKey; body: MessageKey; params: Record<string, string | number> };

/**
 * Tells the author and every supporter (each once, the author supporting their own included), in the caller's
 * transaction, with an e-mail through the outbox. Returns the outbox ids to enqueue once it has committed.
 */
export async function notifyAuthorAndSupporters(tx: Tx, initiative: { id: number; authorId: string | null }, notice: Notice): Promise<number[]> {
  const supporters = await tx.select({ userId: initiativeSupports.userId }).from(initiativeSupports).where(eq(initiativeSupports.initiativeId, initiative.id));
  const people = new Set([...(initiative.authorId ? [initiative.authorId] : []), ...supporters.map((s) => s.userId)]);
  const outbox: number[] = [];
  for (const userId of people) {
    outbox.push(...(await notify(tx, { userId, kind: notice.kind, params: notice.params, link: `/initiatives/${initiative.id}`, email: { subject: notice.subject, body: notice.body } })));
  }
  return outbox;
}
