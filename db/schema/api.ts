import { sql } from 'drizzle-orm';
import { index, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** Keys for write access to the APIs (Open311 POST). Only a SHA-256 of the key is stored; it is shown once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    keyHash: text().notNull().unique(),
    // The first characters, so an admin can tell keys apart without the key.
    keyPrefix: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('api_keys_prefix_idx').on(t.keyPrefix), index('api_keys_created_by_idx').on(t.createdBy).where(sql`${t.createdBy} IS NOT NULL`)],
);
