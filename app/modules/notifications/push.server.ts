// Web Push (ADR 049): a person's browsers, the topics they chose, and the outbox's push rows sent with `web-push`
// (RFC 8291 aes128gcm payloads signed with the VAPID pair from the environment).
import { and, eq, sql as dsql, type SQL } from 'drizzle-orm';
import webpush from 'web-push';
import { emailOutbox, pushPreferences, pushSubscriptions, pushTopics, users, type PushTopic } from '#db/schema/index';
import { db, type DbOrTx } from '#app/utils/db.server';
import { appOrigin, env } from '#app/utils/env.server';
import { locales, type MessageKey, type Params } from '#app/utils/i18n';
import { isMessageKey, translator } from '#app/utils/i18n.server';

export { pushTopics, type PushTopic };

export const pushConfigured = (): boolean => !!(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY);

/** Which push topic a notice is, read from where it links to (an explicit topic wins): none for account notices. */
export function pushTopicOf(link: string | undefined): PushTopic | null {
  if (!link) return null;
  if (/^\/(me\/)?reports(\/|$|\?)/.test(link)) return 'reports';
  // Results, decisions and their stages go to those who voted.
  if (/^\/(votes|decisions)(\/|$|\?)/.test(link)) return 'decisions';
  if (/^\/(me\/visits|centres)(\/|$|\?)/.test(link)) return 'visits';
  return null;
}

/** The host a push row goes to, shown on the outbox page instead of an address (the endpoint itself is a secret). */
const serviceOf = (endpoint: string) => `push: ${new URL(endpoint).host}`;

/**
 * Writes one push row per browser of a person who opted in to the topic, in the caller's transaction; the message is
 * the in-app notice's text in their language. Returns the outbox ids to enqueue once the transaction commits.
 */
export async function pushToPerson(tx: DbOrTx, message: { userId: string; topic: PushTopic; kind: MessageKey; params?: Params; link?: string; broadcast?: boolean }): Promise<number[]> {
  if (!pushConfigured()) return [];
  const targets = await tx
    .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, locale: users.locale, name: users.name })
    .from(pushSubscriptions)
    .innerJoin(users, eq(users.id, pushSubscriptions.userId))
    .innerJoin(pushPreferences, eq(pushPreferences.userId, pushSubscriptions.userId))
    .where(and(eq(pushSubscriptions.userId, message.userId), dsql`${users.deletedAt} IS NULL`, dsql`${message.topic} = ANY (${pushPreferences.topics})`));
  if (targets.length === 0) return [];
  const t = translator(targets[0]!.locale);
  const params = Object.fromEntries(Object.entries({ name: targets[0]!.name, ...message.params }).map(([k, v]) => [k, isMessageKey(v) ? t(v) : v]));
  const rows = await tx
    .insert(emailOutbox)
    .values(targets.map((target) => ({ userId: message.userId, channel: 'push' as const, pushSubscriptionId: target.id, toAddress: serviceOf(target.endpoint), subject: t('push.title'), bodyText: t(message.kind, params), link: message.link ?? null, broadcast: message.broadcast ?? false })))
    .returning({ id: emailOutbox.id });
  return rows.map((r) => r.id);
}

/**
 * The same for many people at once, in one statement per language: `people` is a SELECT of user ids. `body` is
 * rendered per language with `{name}` filled in by Postgres. Returns the outbox ids to enqueue after the commit, as a
 * broadcast (ADR 061).
 */
export async function pushToMany(tx: DbOrTx, message: { people: SQL; topic: PushTopic; kind: MessageKey; params: Record<string, Params>; link: string }): Promise<number[]> {
  if (!pushConfigured()) return [];
  const ids: number[] = [];
  for (const locale of locales) {
    const t = translator(locale);
    const body = t(message.kind, { ...message.params[locale], name: '{name}' });
    const rows = await tx.execute<{ id: number }>(dsql`
      INSERT INTO email_outbox (user_id, channel, push_subscription_id, to_address, subject, body_text, link, broadcast)
      SELECT u.id, 'push', s.id, 'push: ' || substring(s.endpoint from '^[a-z]+://([^/]+)'), ${t('push.title')}, replace(${body}, '{name}', u.name), ${message.link}, true
      FROM push_subscriptions s
      JOIN users u ON u.id = s.user_id
      JOIN push_preferences p ON p.user_id = s.user_id
      WHERE s.user_id IN (${message.people}) AND u.locale = ${locale} AND u.deleted_at IS NULL AND ${message.topic} = ANY (p.topics)
      RETURNING id::int AS id`);
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export type PushResult = 'sent' | 'expired' | 'no-vapid';

/**
 * Sends one push row's message to its browser's push service. A 404 or 410 means the browser dropped the
 * subscription: it is removed (with the caller's transaction) and the row fails for good. Any other failure throws,
 * so the queue retries the row like an e-mail.
 */
export async function sendPushRow(tx: DbOrTx, row: { id: number; pushSubscriptionId: number | null; subject: string; bodyText: string; link: string | null }): Promise<PushResult | { gone: string }> {
  if (!pushConfigured()) return 'no-vapid';
  if (row.pushSubscriptionId === null) return { gone: 'the browser unsubscribed' };
  const [subscription] = await tx.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, row.pushSubscriptionId));
  if (!subscription) return { gone: 'the browser unsubscribed' };
  const payload = JSON.stringify({ title: row.subject, body: row.bodyText, url: `${appOrigin()}${row.link ?? '/me/notifications'}`, tag: `outbox-${row.id}` });
  try {
    await webpush.sendNotification({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, payload, {
      vapidDetails: { subject: env.VAPID_SUBJECT, publicKey: env.VAPID_PUBLIC_KEY!, privateKey: env.VAPID_PRIVATE_KEY! },
      // A day: a message about a report or a ballot is stale after that.
      TTL: 24 * 3600,
      timeout: 15_000,
    });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404 || status === 410) {
      await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
      return 'expired';
    }
    throw new Error(status ? `push service answered ${status}` : (error as Error).message);
  }
  return 'sent';
}

/** Keeps (or refreshes) a browser's subscription for a person; an endpoint moves to whoever subscribed it last. */
export async function savePushSubscription(userId: string, subscription: { endpoint: string; p256dh: string; auth: string }, userAgent: string | null): Promise<void> {
  await db
    .insert(pushSubscriptions)
    .values({ userId, ...subscription, userAgent })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: subscription.p256dh, auth: subscription.auth, userAgent, createdAt: new Date() } });
}

export async function removePushSubscription(userId: string, endpoint: string): Promise<number> {
  const rows = await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint))).returning({ id: pushSubscriptions.id });
  return rows.length;
}

export async function savePushTopics(userId: string, topics: PushTopic[]): Promise<void> {
  await db
    .insert(pushPreferences)
    .values({ userId, topics, updatedAt: new Date() })
    .onConflictDoUpdate({ target: pushPreferences.userId, set: { topics, updatedAt: new Date() } });
}

export async function pushSettingsOf(userId: string): Promise<{ topics: PushTopic[]; browsers: number }> {
  const [preferences] = await db.select({ topics: pushPreferences.topics }).from(pushPreferences).where(eq(pushPreferences.userId, userId));
  const [count] = await db.select({ n: dsql<number>`count(*)::int` }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  return { topics: preferences?.topics ?? [], browsers: count?.n ?? 0 };
}

export const isPushTopic = (value: string): value is PushTopic => (pushTopics as readonly string[]).includes(value);
