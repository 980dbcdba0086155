import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { districts, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import type { emailPreferencesSchema, profileSchema } from './schemas';
import { emailTopics } from '#app/modules/notifications/index.server';
import { forgetCurrentUser } from './sessions.server';

/** Saves the resident's own profile. Verification is not theirs to set. */
export async function updateProfile(userId: string, input: z.output<typeof profileSchema>): Promise<Result<null>> {
  if (input.districtId) {
    const [district] = await db.select({ id: districts.id }).from(districts).where(eq(districts.id, input.districtId));
    if (!district) return { ok: false, errors: { districtId: 'admin.unknownDistrict' } };
  }
  await db
    .update(users)
    .set({ name: input.name, districtId: input.districtId ?? null, birthYear: input.birthYear ?? null, locale: input.locale, updatedAt: new Date() })
    .where(eq(users.id, userId));
  forgetCurrentUser();
  return { ok: true, value: null };
}

/** Remembers the language chosen in the header on the account too (e-mails are written in it). */
export async function setPreferredLocale(userId: string, locale: 'ru' | 'en'): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
  forgetCurrentUser();
}

/** Saves which topics the person wants e-mails about (the rest stay in-app only). */
export async function setEmailPreferences(userId: string, input: z.output<typeof emailPreferencesSchema>): Promise<void> {
  const optOut = emailTopics.filter((topic) => !input.topics.includes(topic));
  await db.update(users).set({ emailOptOut: optOut, updatedAt: new Date() }).where(eq(users.id, userId));
}
