import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, customType, index, inet, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { districts } from './city';

const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const roleName = pgEnum('role_name', ['moderator', 'expert', 'department', 'arbiter', 'admin', 'consultant']);
export const locale = pgEnum('locale', ['ru', 'en']);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Null for a person registered at a service centre without e-mail (ADR 048): they sign in with a printed
    // one-time code and may add an e-mail and a password in their cabinet.
    email: citext().unique(),
    // A phone number given at a centre (digits, an optional leading +), so a consultant finds the person again.
    phone: text().unique(),
    passwordHash: text(),
    name: text().notNull(),
    districtId: integer().references(() => districts.id, { onDelete: 'set null' }),
    birthYear: integer(),
    verified: boolean().notNull().default(false),
    // Who vouched for `verified`: 'admin' today, an identity provider's name later.
    verifiedBy: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    locale: locale().notNull().default('ru'),
    // Set when the person deleted their account: the row stays (their ballots stay counted, their public
    // reports and ideas stay), emptied of everything that identifies them.
    deletedAt: timestamp({ withTimezone: true }),
    // E-mail topics the person turned off (reports, ideas, votes); account and security e-mails always go.
    emailOptOut: text().array().notNull().default(sql`'{}'::text[]`),
    // Blocked by an admin for abuse: signed out everywhere and refused at sign-in, with the reason shown to them.
    blockedAt: timestamp({ withTimezone: true }),
    blockedReason: text(),
    blockedBy: uuid().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    check('users_phone_format', sql`${t.phone} IS NULL OR ${t.phone} ~ '^\\+?[0-9]{5,15}$'`),
    check('users_birth_year_range', sql`${t.birthYear} IS NULL OR ${t.birthYear} BETWEEN 1900 AND 2100`),
    index('users_district_idx').on(t.districtId).where(sql`${t.districtId} IS NOT NULL`),
    index('users_blocked_by_idx').on(t.blockedBy).where(sql`${t.blockedBy} IS NOT NULL`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text(),
    ip: inet(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the device last made a request, to within a few minutes (the device list shows it). */
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt), index('sessions_revoked_idx').on(t.revokedAt).where(sql`${t.revokedAt} IS NOT NULL`)],
);

/** Failed sign-ins, counted per e-mail and per IP over a sliding window to throttle guessing. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: citext().notNull(),
    ip: inet(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_email_idx').on(t.email, t.at), index('sign_in_failures_ip_idx').on(t.ip, t.at), index('sign_in_failures_at_idx').on(t.at)],
);

/** A person's account at the city's identity provider (OpenID Connect), linked to their Vmeste account. */
export const userIdentities = pgTable(
  'user_identities',
  {
    issuer: text().notNull(),
    subject: text().notNull(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('user_identities_user_idx').on(t.userId)],
);

/**
 * A "forgot my password" link. Only the SHA-256 of its token is stored; the token itself goes out once, in the
 * e-mail. A link works once, for an hour, and a new password voids the person's other links.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text().primaryKey(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId, t.createdAt)],
);

/**
 * A one-time sign-in code printed at a service centre for a person without e-mail or password (ADR 048). Only the
 * SHA-256 of the code is stored; it works once, for 30 days, and a newer code voids the older ones.
 */
export const accessCodes = pgTable(
  'access_codes',
  {
    codeHash: text().primaryKey(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    issuedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('access_codes_user_idx').on(t.userId, t.createdAt), index('access_codes_issued_by_idx').on(t.issuedBy).where(sql`${t.issuedBy} IS NOT NULL`)],
);
