import { eq } from 'drizzle-orm';
import { emailOutbox, notifications, users } from '#db/schema/index';
import type { DbOrTx } from '#app/utils/db.server';
import { type MessageKey, type Params } from '#app/utils/i18n';
import { isMessageKey, translator } from '#app/utils/i18n.server';
import { pushTopicOf, pushToPerson, type PushTopic } from './push.server';

export type Notice = {
  userId: string;
  /** Message key of the in-app text. */
  kind: MessageKey;
  params?: Params;
  link?: string;
  /**
   * Also e-mail it, with these subject and body keys (rendered in the recipient's language). `sensitive`: the body
   * carries a one-time link, hidden from the outbox page and removed from the row once sent.
   */
  email?: { subject: MessageKey; body: MessageKey; sensitive?: boolean };
  /** The push topic (ADR 049) when the link does not tell it; `null`: never pushed. */
  push?: PushTopic | null;
  /** One of many people told of the same thing: the messages wait behind any one person's own (ADR 061). */
  broadcast?: boolean;
};

export const emailTopics = ['reports', 'ideas', 'votes'] as const;
export type EmailTopic = (typeof emailTopics)[number];

/** Which tool a notice is about, read from where it links to; notices about the account itself have none. */
export function noticeTopic(link: string | undefined): EmailTopic | null {
  if (!link) return null;
  if (/^\/(me\/)?reports(\/|$|\?)/.test(link)) return 'reports';
  if (/^\/(me\/)?(ideas|projects|initiatives)(\/|$|\?)/.test(link)) return 'ideas';
  if (/^\/(me\/)?(votes|decisions|rewards|points)(\/|$|\?)/.test(link)) return 'votes';
  return null;
}

/**
 * Writes an in-app notification and, when asked, an outbox e-mail, in the caller's transaction; and a push row per
 * browser of a person who opted in to the notice's push topic. Returns the outbox ids (both channels) to hand to
 * enqueueEmailDelivery once the transaction has committed.
 */
export async function notify(tx: DbOrTx, notice: Notice): Promise<number[]> {
  const params = notice.params ?? {};
  await tx.insert(notifications).values({ userId: notice.userId, kind: notice.kind, params, link: notice.link ?? null });
  const topic = notice.push === undefined ? pushTopicOf(notice.link) : notice.push;
  const broadcast = notice.broadcast ?? false;
  const pushed = topic ? await pushToPerson(tx, { userId: notice.userId, topic, kind: notice.kind, params, link: notice.link, broadcast }) : [];
  if (!notice.email) return pushed;
  return [...(await emailOnly(tx, { userId: notice.userId, email: notice.email, params, topic: noticeTopic(notice.link), broadcast })), ...pushed];
}

/**
 * An e-mail with no in-app notice (a password reset link, whose token must not sit in the notifications table).
 * Nobody is written to once deleted, nor about a topic they turned off.
 */
export async function emailOnly(tx: DbOrTx, message: { userId: string; email: NonNullable<Notice['email']>; params?: Params; topic?: EmailTopic | null; broadcast?: boolean }): Promise<number[]> {
  const [recipient] = await tx.select({ email: users.email, locale: users.locale, name: users.name, optOut: users.emailOptOut, deletedAt: users.deletedAt }).from(users).where(eq(users.id, message.userId));
  // A person registered at a centre without e-mail (ADR 048) reads their notices in the cabinet only.
  if (!recipient?.email || recipient.deletedAt) return [];
  if (message.topic && recipient.optOut.includes(message.topic)) return [];
  const t = translator(recipient.locale);
  // Parameters that are message keys themselves (a role's name) are written out in the recipient's language.
  const all = Object.fromEntries(Object.entries({ name: recipient.name, ...message.params }).map(([k, v]) => [k, isMessageKey(v) ? t(v) : v]));
  return emailAddress(tx, { userId: message.userId, to: recipient.email, subject: t(message.email.subject, all), body: t(message.email.body, all), sensitive: message.email.sensitive, broadcast: message.broadcast });
}

/**
 * An e-mail already written (subject and body in the recipient's language) to an address that may have no account:
 * an area alert's confirmation or digest (ADR 056), and emailOnly's once written. `unsubscribeUrl` goes out as
 * List-Unsubscribe (RFC 8058).
 */
export async function emailAddress(tx: DbOrTx, message: { userId?: string | null; to: string; subject: string; body: string; sensitive?: boolean; unsubscribeUrl?: string; broadcast?: boolean }): Promise<number[]> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({ userId: message.userId ?? null, toAddress: message.to, subject: message.subject, bodyText: message.body, sensitive: message.sensitive ?? false, unsubscribeUrl: message.unsubscribeUrl ?? null, broadcast: message.broadcast ?? false })
    .returning({ id: emailOutbox.id });
  return row ? [row.id] : [];
}
