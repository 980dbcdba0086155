import { and, eq, sql } from 'drizzle-orm';
import { initiativePhotos, initiativeSupports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { InitiativeFilter } from './schemas';
import { storedBytes } from '#app/utils/stored-media.server';

export type InitiativeStatus = 'pending' | 'rejected' | 'collecting' | 'review' | 'answered' | 'voting' | 'expired';

/** The statuses behind each filter of the public list: successful ones reached their threshold and await or went to a vote. */
export const filterStatuses: Record<InitiativeFilter, InitiativeStatus[]> = {
  open: ['collecting'],
  successful: ['review', 'voting'],
  answered: ['answered'],
  expired: ['expired'],
};
const publicStatuses = sql.raw(`'collecting', 'review', 'answered', 'voting', 'expired'`);

export type InitiativeListItem = {
  id: number;
  title: string;
  status: InitiativeStatus;
  districtId: number | null;
  districtRu: string | null;
  districtEn: string | null;
  supportCount: number;
  threshold: number;
  collectsUntil: string;
};

/** One filter's initiatives, optionally of one district (city-wide ones then left out): open ones by deadline, others newest first. */
export async function listInitiatives(filter: InitiativeFilter, districtId?: number, limit = 50): Promise<InitiativeListItem[]> {
  const statuses = sql.raw(filterStatuses[filter].map((s) => `'${s}'`).join(', '));
  return db.execute<InitiativeListItem>(sql`
    SELECT i.id::int AS id, i.title, i.status, i.district_id AS "districtId", d.name_ru AS "districtRu", d.name_en AS "districtEn",
      i.support_count AS "supportCount", i.threshold, i.collects_until AS "collectsUntil"
    FROM initiatives i LEFT JOIN districts d ON d.id = i.district_id
    WHERE i.status IN (${statuses}) AND ${districtId ? sql`i.district_id = ${districtId}` : sql`TRUE`}
    ORDER BY ${filter === 'open' ? sql`i.collects_until ASC` : sql`i.updated_at DESC`}, i.id DESC LIMIT ${limit}`);
}

export type InitiativeDetails = InitiativeListItem & {
  body: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
  rejectedReason: string | null;
  reachedAt: string | null;
  expiredAt: string | null;
  answer: string | null;
  answeredAt: string | null;
  ballotId: number | null;
  photoIds: number[];
  threshold: number;
  collectsUntil: string;
};

/** An initiative's page. A pending or rejected one is shown only to its author and moderators (the route decides). */
export async function getInitiative(id: number): Promise<InitiativeDetails | null> {
  const [row] = await db.execute<InitiativeDetails>(sql`
    SELECT i.id::int AS id, i.title, i.body, i.status, i.district_id AS "districtId", d.name_ru AS "districtRu", d.name_en AS "districtEn",
      i.support_count AS "supportCount", i.threshold, i.collects_until AS "collectsUntil", i.author_id AS "authorId",
      CASE WHEN u.deleted_at IS NULL THEN u.name END AS "authorName", i.created_at AS "createdAt", i.rejected_reason AS "rejectedReason",
      i.reached_at AS "reachedAt", i.expired_at AS "expiredAt", i.answer, i.answered_at AS "answeredAt", i.ballot_id AS "ballotId",
      coalesce((SELECT array_agg(p.id::int ORDER BY p.id) FROM initiative_photos p WHERE p.initiative_id = i.id), '{}') AS "photoIds"
    FROM initiatives i LEFT JOIN districts d ON d.id = i.district_id LEFT JOIN users u ON u.id = i.author_id
    WHERE i.id = ${id}`);
  return row ?? null;
}

export async function hasSupported(initiativeId: number, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: initiativeSupports.userId }).from(initiativeSupports).where(and(eq(initiativeSupports.initiativeId, initiativeId), eq(initiativeSupports.userId, userId)));
  return !!row;
}

export type QueueInitiative = { id: number; title: string; body: string; districtRu: string | null; districtEn: string | null; authorName: string | null; createdAt: string; dueAt: string; overdue: boolean };

/** New initiatives waiting for a moderator, oldest first, each with the time it is due by (the moderation SLA). */
export async function moderationQueue(limit = 50): Promise<QueueInitiative[]> {
  const sla = sql.raw(`interval '${env.INITIATIVE_MODERATION_SLA_HOURS} hours'`);
  return db.execute<QueueInitiative>(sql`
    SELECT i.id::int AS id, i.title, i.body, d.name_ru AS "districtRu", d.name_en AS "districtEn", u.name AS "authorName", i.created_at AS "createdAt",
      i.created_at + ${sla} AS "dueAt", i.created_at + ${sla} < now() AS overdue
    FROM initiatives i LEFT JOIN districts d ON d.id = i.district_id LEFT JOIN users u ON u.id = i.author_id
    WHERE i.status = 'pending' ORDER BY i.created_at, i.id LIMIT ${limit}`);
}

/** A photo of an initiative that the public may see (not of a pending or rejected one). */
export async function initiativePhoto(id: number): Promise<{ data: Uint8Array; mimeType: string } | null> {
  const [row] = await db
    .select({ data: initiativePhotos.data, storageKey: initiativePhotos.storageKey, mimeType: initiativePhotos.mimeType })
    .from(initiativePhotos)
    .where(sql`${initiativePhotos.id} = ${id} AND EXISTS (SELECT 1 FROM initiatives i WHERE i.id = ${initiativePhotos.initiativeId} AND i.status IN (${publicStatuses}))`);
  const data = row ? await storedBytes(row) : null;
  return row && data ? { data, mimeType: row.mimeType } : null;
}

/** Districts for the scope choice and the list's filter. */
export async function districtChoices(): Promise<{ id: number; nameRu: string; nameEn: string }[]> {
  return db.execute<{ id: number; nameRu: string; nameEn: string }>(sql`SELECT id, name_ru AS "nameRu", name_en AS "nameEn" FROM districts ORDER BY name_ru`);
}

export type MyInitiative = { id: number; title: string; status: InitiativeStatus; supportCount: number; threshold: number | null; collectsUntil: string | null };

/** The person's cabinet: the initiatives they started (whatever their status) and those they support, newest first. */
export async function myInitiatives(userId: string): Promise<{ started: MyInitiative[]; supported: MyInitiative[] }> {
  const columns = sql`i.id::int AS id, i.title, i.status, i.support_count AS "supportCount", i.threshold, i.collects_until AS "collectsUntil"`;
  const [started, supported] = await Promise.all([
    db.execute<MyInitiative>(sql`SELECT ${columns} FROM initiatives i WHERE i.author_id = ${userId} ORDER BY i.created_at DESC, i.id DESC LIMIT 100`),
    db.execute<MyInitiative>(sql`SELECT ${columns} FROM initiative_supports s JOIN initiatives i ON i.id = s.initiative_id WHERE s.user_id = ${userId} ORDER BY s.created_at DESC, i.id DESC LIMIT 100`),
  ]);
  return { started: [...started], supported: [...supported] };
}
