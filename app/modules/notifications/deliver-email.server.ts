import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { emailOutbox } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { pushConfigured, sendPushRow } from './push.server';

type Transport = ReturnType<typeof nodemailer.createTransport>;
let transport: Transport | undefined;
function smtpTransport(): Transport | null {
  if (!env.SMTP_URL) return null;
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  return transport;
}

export type DeliveryResult = 'sent' | 'already-sent' | 'no-smtp' | 'no-vapid' | 'expired' | 'missing';

/** A sensitive e-mail as the outbox keeps it once sent: its one-time links are gone (the recipient has them). */
export const withoutLinks = (text: string) => text.replace(/https?:\/\/\S+/g, '[…]');

/**
 * Sends one outbox row: an e-mail over SMTP, or a push message to one browser (ADR 049). The row is locked while sending, so two workers never send it twice,
 * and a row already sent is left alone (a retried or duplicated job changes nothing).
 * A failure records the error and rethrows so the queue retries with backoff; `final` marks it failed.
 */
export async function deliverEmail(outboxId: number, { final = false } = {}): Promise<DeliveryResult> {
  const outcome = await db.transaction(async (tx): Promise<DeliveryResult | Error> => {
    const [row] = await tx.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId)).for('update');
    if (!row) return 'missing';
    if (row.status === 'sent') return 'already-sent';
    if (row.channel === 'push') {
      if (row.status === 'failed') return 'expired';
      try {
        const pushed = await sendPushRow(tx, row);
        if (pushed === 'no-vapid') return pushed;
        if (pushed !== 'sent') {
          // The browser is gone (410/404, or it unsubscribed): this row can never be delivered, so it fails for good.
          const why = pushed === 'expired' ? 'subscription expired (the push service answered 404/410)' : pushed.gone;
          await tx.update(emailOutbox).set({ status: 'failed', attempts: row.attempts + 1, lastError: why }).where(eq(emailOutbox.id, outboxId));
          return 'expired';
        }
      } catch (error) {
        await tx
          .update(emailOutbox)
          .set({ attempts: row.attempts + 1, lastError: String((error as Error).message).slice(0, 500), status: final ? 'failed' : 'pending' })
          .where(eq(emailOutbox.id, outboxId));
        return error as Error;
      }
      await tx.update(emailOutbox).set({ status: 'sent', sentAt: new Date(), attempts: row.attempts + 1, lastError: null }).where(eq(emailOutbox.id, outboxId));
      return 'sent';
    }
    const smtp = smtpTransport();
    if (!smtp) return 'no-smtp';
    try {
      await smtp.sendMail({
        from: env.MAIL_FROM,
        to: row.toAddress,
        subject: row.subject,
        text: row.bodyText,
        // A stable id lets mail servers drop a duplicate if a crash ever made us send twice.
        messageId: `<outbox-${row.id}@vmeste>`,
        // One-click unsubscribe (RFC 8058): a mail client POSTs "List-Unsubscribe=One-Click" to the signed address.
        ...(row.unsubscribeUrl ? { headers: { 'List-Unsubscribe': `<${row.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
      });
    } catch (error) {
      await tx
        .update(emailOutbox)
        .set({ attempts: row.attempts + 1, lastError: String((error as Error).message).slice(0, 500), status: final ? 'failed' : 'pending' })
        .where(eq(emailOutbox.id, outboxId));
      return error as Error;
    }
    const bodyText = row.sensitive ? withoutLinks(row.bodyText) : row.bodyText;
    await tx.update(emailOutbox).set({ status: 'sent', sentAt: new Date(), attempts: row.attempts + 1, lastError: null, bodyText }).where(eq(emailOutbox.id, outboxId));
    return 'sent';
  });
  // The failure is recorded (committed) first, then rethrown so the queue retries with backoff.
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/**
 * Outbox rows still pending after a grace period: the sweeper re-enqueues them (Redis may have lost them). Messages to
 * one person first, then broadcasts, oldest first within each (ADR 061).
 */
export async function pendingOutboxRows(olderThanSeconds = 30, limit = 500): Promise<{ id: number; broadcast: boolean }[]> {
  // Only the channels this server can send: without SMTP e-mails wait on the outbox page, without VAPID push rows do.
  const channels = [...(env.SMTP_URL ? ['email' as const] : []), ...(pushConfigured() ? ['push' as const] : [])];
  if (channels.length === 0) return [];
  const rows = await db
    .select({ id: emailOutbox.id, broadcast: emailOutbox.broadcast })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), inArray(emailOutbox.channel, channels), lt(emailOutbox.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)))
    .orderBy(emailOutbox.broadcast, emailOutbox.createdAt, emailOutbox.id)
    .limit(limit);
  return rows;
}
