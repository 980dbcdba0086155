import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { districts, initiativePhotos, initiatives, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { processPhotos, type PhotoError } from '#app/modules/reports/index.server';
import type { initiativeSchema } from './schemas';
import { storeUpload } from '#app/utils/stored-media.server';
import { initiativeMedia } from './media.server';

export type StartFailure = { kind: 'unverified' } | { kind: 'scope' } | { kind: 'photos'; error: PhotoError };

/**
 * A verified resident starts an initiative for the whole city or one district. It waits for a moderator
 * (`pending`); its threshold and deadline are fixed when it is approved. Photos are checked and re-encoded first;
 * the initiative and its photos land together.
 */
export async function startInitiative(authorId: string, input: z.output<typeof initiativeSchema>, files: File[]): Promise<Result<{ initiativeId: number }, StartFailure>> {
  const photos = await processPhotos(files);
  if (!photos.ok) return { ok: false, errors: { kind: 'photos', error: photos.errors.photos } };
  // Into the media store before the transaction: a failed one leaves an orphan the sweeper removes, never a row without bytes.
  const stored = await Promise.all(photos.value.map(async ({ data, ...photo }) => ({ ...photo, ...(await storeUpload(initiativeMedia.namespace, data, photo.mimeType)) })));
  return db.transaction(async (tx) => {
    const [author] = await tx.select({ verified: users.verified, blockedAt: users.blockedAt }).from(users).where(eq(users.id, authorId)).for('share');
    if (!author?.verified || author.blockedAt) return { ok: false, errors: { kind: 'unverified' } };
    if (input.scope !== null) {
      const [district] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, input.scope));
      if (!district) return { ok: false, errors: { kind: 'scope' } };
    }
    const [row] = await tx.insert(initiatives).values({ authorId, districtId: input.scope, title: input.title, body: input.body }).returning({ id: initiatives.id });
    if (stored.length) await tx.insert(initiativePhotos).values(stored.map((p) => ({ initiativeId: row!.id, ...p })));
    return { ok: true, value: { initiativeId: row!.id } };
  });
}
