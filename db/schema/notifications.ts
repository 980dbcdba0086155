import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    // Message key and parameters, rendered in the reader's language.
    params: jsonb().$type<Record<string, string | number>>().notNull().default({}),
    link: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_unread_idx').on(t.userId, t.createdAt).where(sql`${t.readAt} IS NULL`),
    // A person's whole list (read ones too) and the cascade when an account goes.
    index('notifications_user_idx').on(t.userId, t.createdAt),
  ],
);

export const emailStatus = pgEnum('email_status', ['pending', 'sent', 'failed']);

/** The topics a person may get push messages about (ADR 049), each chosen in the cabinet. */
export const pushTopics = ['reports', 'ballots', 'decisions', 'visits', 'alerts'] as const;
export type PushTopic = (typeof pushTopics)[number];

/** One browser's Web Push subscription (RFC 8030 endpoint and RFC 8291 keys); a 404/410 from its service removes it. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text().notNull(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_idx').on(t.endpoint), index('push_subscriptions_user_idx').on(t.userId)],
);

/** The topics a person opted in to for push (none until they choose); the same for each of their browsers. */
export const pushPreferences = pgTable('push_preferences', {
  userId: uuid().primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  topics: text().array().$type<PushTopic[]>().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** How an outbox row goes out: an e-mail to an address, or a push message to one browser's subscription. */
export const outboxChannel = pgEnum('outbox_channel', ['email', 'push']);

/** E-mails to send. A worker delivers each row once; failures stay visible with their last error. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    channel: outboxChannel().notNull().default('email'),
    // A push row's browser; gone (null) once its subscription expired, and the row is then failed.
    pushSubscriptionId: bigint({ mode: 'number' }).references(() => pushSubscriptions.id, { onDelete: 'set null' }),
    // Where a push message opens the site (a path).
    link: text(),
    // An e-mail address, or a push row's service (the endpoint's host, for the outbox page).
    toAddress: text().notNull(),
    subject: text().notNull(),
    bodyText: text().notNull(),
    // Carries a one-time link (a password reset): hidden on the outbox page and removed from the row once sent.
    sensitive: boolean().notNull().default(false),
    // One of many rows written at once (a ballot opened, its results): sent after every message to one person (ADR 061).
    broadcast: boolean().notNull().default(false),
    // A one-click unsubscribe address (an area alert's digest, ADR 056): sent as List-Unsubscribe (RFC 8058).
    unsubscribeUrl: text(),
    status: emailStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('email_outbox_pending_idx').on(t.broadcast, t.createdAt, t.id).where(sql`${t.status} = 'pending'`),
    index('email_outbox_user_idx').on(t.userId, t.createdAt),
    index('email_outbox_push_subscription_idx').on(t.pushSubscriptionId).where(sql`${t.pushSubscriptionId} IS NOT NULL`),
    check('email_outbox_sent_has_time', sql`${t.status} <> 'sent' OR ${t.sentAt} IS NOT NULL`),
  ],
);
