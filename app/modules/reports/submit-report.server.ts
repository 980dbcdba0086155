import { and, eq, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { categories, reportFollowers, reportPhotos, reports, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';
import { onTheWeb, type Participation } from '#app/utils/participation.server';
import { moderationDueAt } from './deadlines.server';
import { scheduleDeadline } from './jobs';
import { findNearbyOpenReports, type NearbyReport } from './queries.server';
import { storePhotos } from './photo-store.server';
import { processPhotos, type PhotoError } from './photos.server';
import type { reportSchema } from './schemas';
import { addReportEvent } from './timeline.server';
import { isPublicReport } from './map-schema';

export type SubmitFailure =
  | { kind: 'category' }
  | { kind: 'outside-city' }
  | { kind: 'daily-limit'; limit: number; resetsAt: Date }
  | { kind: 'nearby'; nearby: NearbyReport[] }
  | { kind: 'photos'; error: PhotoError };

/** The district containing a point, or null outside every district. */
export async function districtAt(lng: number, lat: number): Promise<{ id: number } | null> {
  const rows = await db.execute<{ id: number }>(sql`SELECT id FROM districts WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)) ORDER BY id LIMIT 1`);
  return rows[0] ?? null;
}

/** The start of the next day in the city's time zone: when the daily limit resets. */
async function nextLocalMidnight(): Promise<Date> {
  const [row] = await db.execute<{ at: string }>(sql`SELECT ((date_trunc('day', now() AT TIME ZONE ${env.CITY_TIMEZONE}) + interval '1 day') AT TIME ZONE ${env.CITY_TIMEZONE}) AS at`);
  return new Date(row!.at);
}

/**
 * A resident files a problem. Refused with a clear reason when: the category is unknown, the point is outside
 * every district, the daily limit is reached, or (unless confirmed) an open report of the same category is
 * within ~50 m. Photos are checked and cleaned first; the report, its photos and its first event are written
 * in one transaction, then the moderation deadline is scheduled. An Open311 client files without an account
 * (`authorId` null, `via` its API key); its volume is the API's rate limit's business, not the daily limit's.
 * `participation` names the channel (ADR 048) and what else goes into the same transaction (assisted service).
 */
export async function submitReport(
  authorId: string | null,
  input: z.output<typeof reportSchema>,
  files: File[],
  via?: { apiKeyId: number },
  participation: Participation = via ? { channel: 'api' } : onTheWeb,
): Promise<Result<{ reportId: number }, SubmitFailure>> {
  const [category] = await db.select().from(categories).where(eq(categories.id, input.categoryId));
  if (!category) return { ok: false, errors: { kind: 'category' } };
  if (!(await districtAt(input.lng, input.lat))) return { ok: false, errors: { kind: 'outside-city' } };
  if (!input.confirmNew) {
    const nearby = await findNearbyOpenReports(input.categoryId, input.lng, input.lat);
    if (nearby.length) return { ok: false, errors: { kind: 'nearby', nearby } };
  }
  const photos = await processPhotos(files);
  if (!photos.ok) return { ok: false, errors: { kind: 'photos', error: photos.errors.photos } };
  const photoRows = await storePhotos(photos.value);

  const resetsAt = await nextLocalMidnight();
  const now = new Date();
  const created = await db.transaction(async (tx) => {
    if (authorId) {
      // One submission at a time per person, so two tabs cannot both slip under the limit.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, authorId)).for('update');
      const dayStart = new Date(resetsAt.getTime() - 86_400_000);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(reports)
        .where(and(eq(reports.authorId, authorId), gte(reports.createdAt, dayStart)));
      if (n >= env.REPORTS_DAILY_LIMIT) return null;
    }
    const due = moderationDueAt(category, now);
    const [report] = await tx
      .insert(reports)
      .values({
        authorId,
        categoryId: category.id,
        location: sql`ST_SetSRID(ST_MakePoint(${input.lng}, ${input.lat}), 4326)` as unknown as string,
        address: input.address,
        description: input.description,
        moderationDueAt: due,
        source: via ? 'open311' : 'web',
        apiKeyId: via?.apiKeyId ?? null,
        channel: participation.channel,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: reports.id });
    const reportId = report!.id;
    if (photoRows.length) await tx.insert(reportPhotos).values(photoRows.map((p) => ({ reportId, ...p })));
    if (authorId) await tx.insert(reportFollowers).values({ reportId, userId: authorId });
    await addReportEvent(tx, reportId, 'submitted', authorId, null, via ? { via: 'open311', apiKeyId: via.apiKeyId } : undefined);
    await participation.alongside?.(tx, String(reportId));
    return { reportId, due };
  });
  if (!created) return { ok: false, errors: { kind: 'daily-limit', limit: env.REPORTS_DAILY_LIMIT, resetsAt } };
  await scheduleDeadline(created.reportId, 'moderation', now, created.due);
  return { ok: true, value: { reportId: created.reportId } };
}

/** "Already reported — follow it": subscribes the resident to an open report instead of a duplicate. */
export async function followReport(userId: string, reportId: number): Promise<Result<null>> {
  const [report] = await db.select({ id: reports.id, status: reports.status }).from(reports).where(eq(reports.id, reportId));
  // Only a public report: one in moderation is not known to anyone but its author and staff.
  if (!report || !isPublicReport(report)) return { ok: false, errors: { reportId: 'errors.invalid' } };
  await db.transaction(async (tx) => {
    const added = await tx.insert(reportFollowers).values({ reportId, userId }).onConflictDoNothing().returning();
    if (added.length) await addReportEvent(tx, reportId, 'followed', userId);
  });
  return { ok: true, value: null };
}
