import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { holidays } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';
import type { holidaySchema } from './schemas';

/** Adds (or renames) a holiday: a day that answer deadlines skip. */
export async function saveHoliday(actorId: string, input: z.output<typeof holidaySchema>): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(holidays).where(eq(holidays.day, input.day));
    await tx.insert(holidays).values(input).onConflictDoUpdate({ target: holidays.day, set: { nameRu: input.nameRu, nameEn: input.nameEn } });
    await recordAudit(tx, { actorId, action: 'holiday.save', targetType: 'holiday', targetId: input.day, before: before ?? null, after: input });
    return { ok: true, value: null };
  });
}

export async function removeHoliday(actorId: string, day: string): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(holidays).where(eq(holidays.day, day)).returning();
    if (!removed) return { ok: false, errors: { day: 'errors.invalid' } };
    await recordAudit(tx, { actorId, action: 'holiday.remove', targetType: 'holiday', targetId: day, before: removed });
    return { ok: true, value: null };
  });
}

/** The holiday calendar as a set of YYYY-MM-DD days, for addWorkingDays. */
export async function holidaySet(): Promise<Set<string>> {
  const rows = await db.select({ day: holidays.day }).from(holidays);
  return new Set(rows.map((r) => r.day));
}
