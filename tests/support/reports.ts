// Helpers for the reports tests: categories with short SLAs (configuration, not faked time) and demo places.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { categories, departments, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { at, pointInDistrict } from '#db/seed/demo-city';

export async function shortSlaCategory(opts: { kind?: string; answerSeconds?: number; moderationSeconds?: number } = {}) {
  const code = `test-${randomUUID().slice(0, 8)}`;
  const [row] = await db
    .insert(categories)
    .values({
      code,
      nameRu: `Тест ${code}`,
      nameEn: `Test ${code}`,
      groupRu: 'Тест',
      groupEn: 'Test',
      departmentKind: opts.kind ?? 'roads',
      answerSla: opts.answerSeconds ?? 3600,
      answerSlaUnit: 'seconds',
      moderationSlaSeconds: opts.moderationSeconds ?? 3600,
    })
    .returning();
  return row!;
}

export async function departmentByName(nameEn: string) {
  const [row] = await db.select().from(departments).where(eq(departments.nameEn, nameEn));
  return row!;
}

export async function userIdByEmail(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

/** [lat, lng] of a point inside a demo district. */
export function placeIn(code: string): { lat: number; lng: number } {
  const [lng, lat] = pointInDistrict(code);
  return { lat, lng };
}

/** [lat, lng] on a bearing from the demo centre (5.5 km: the inner ring of districts). */
export function placeAt(bearing: number, radiusKm = 5.5): { lat: number; lng: number } {
  const [lng, lat] = at(radiusKm, bearing);
  return { lat, lng };
}

/** A small JPEG carrying EXIF GPS tags, as a phone would send it. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '37/1 37/1 0/1' } })
    .toBuffer();
}

export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}
