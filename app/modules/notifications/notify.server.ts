import { eq } from 'drizzle-orm';
import { emailOutbox, notifications, users } from '#db/schema/index';
import type { DbOrTx } from '#app/utils/db.server';
import { isMessageKey, translator, type MessageKey, type Params } from '#app/utils/i18n';

export type Notice = {
  userId: string;
  /** Message key of the in-app text. */
  kind: MessageKey;
  params?: Params;
  link?: string;
  /** Also e-mail it, with these subject and body keys (rendered in the recipient's language). */
  email?: { subject: MessageKey; body: MessageKey };
};

export const emailTopics = ['reports', 'ideas', 'votes'] as const;
export type EmailTopic = (typeof emailTopics)[number];

/** Which tool a notice is about, read from where it links to; notices about the account itself have none. */
export function noticeTopic(link: string | undefined): EmailTopic | null {
  if (!link) return null;
  if (/^\/(me\/)?reports(\/|$|\?)/.test(link)) return 'reports';
  if (/^\/(me\/)?(ideas|projects)(\/|$|\?)/.test(link)) return 'ideas';
  if (/^\/(me\/)?(votes|decisions|rewards|points)(\/|$|\?)/.test(link)) return 'votes';
  return null;
}

/**
 * Writes an in-app notification and, when asked, an outbox e-mail, in the caller's transaction.
 * Returns the outbox ids to hand to enqueueEmailDelivery once the transaction has committed.
 */
export async function notify(tx: DbOrTx, notice: Notice): Promise<number[]> {
  const params = notice.params ?? {};
  await tx.insert(notifications).values({ userId: notice.userId, kind: notice.kind, params, link: notice.link ?? null });
  if (!notice.email) return [];
  const [recipient] = await tx.select({ email: users.email, locale: users.locale, name: users.name, optOut: users.emailOptOut, deletedAt: users.deletedAt }).from(users).where(eq(users.id, notice.userId));
  if (!recipient || recipient.deletedAt) return [];
  // The in-app notice is always written; the e-mail only for topics the person still wants by e-mail.
  const topic = noticeTopic(notice.link);
  if (topic && recipient.optOut.includes(topic)) return [];
  const t = translator(recipient.locale);
  // Parameters that are message keys themselves (a role's name) are written out in the recipient's language.
  const all = Object.fromEntries(Object.entries({ name: recipient.name, ...params }).map(([k, v]) => [k, isMessageKey(v) ? t(v) : v]));
  const [row] = await tx
    .insert(emailOutbox)
    .values({ userId: notice.userId, toAddress: recipient.email, subject: t(notice.email.subject, all), bodyText: t(notice.email.body, all) })
    .returning({ id: emailOutbox.id });
  return row ? [row.id] : [];
}
