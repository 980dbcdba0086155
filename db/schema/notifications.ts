import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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

/** E-mails to send. A worker delivers each row once; failures stay visible with their last error. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    toAddress: text().notNull(),
    subject: text().notNull(),
    bodyText: text().notNull(),
    // Carries a one-time link (a password reset): hidden on the outbox page and removed from the row once sent.
    sensitive: boolean().notNull().default(false),
    status: emailStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('email_outbox_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    index('email_outbox_user_idx').on(t.userId, t.createdAt),
    check('email_outbox_sent_has_time', sql`${t.status} <> 'sent' OR ${t.sentAt} IS NOT NULL`),
  ],
);
