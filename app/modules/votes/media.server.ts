// The Votes tool's stored pictures, read for the media routes: ballot options' images and implementation photos.
import { eq } from 'drizzle-orm';
import { ballotOptions, ballotQuestions, ballots, implementationPhotos } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { storedBytes, type MediaTable } from '#app/utils/stored-media.server';

/** Implementation photos in the media store (ADR 051): their namespace and columns. */
export const implementationMedia: MediaTable = { namespace: 'implementation-photos', table: 'implementation_photos', bytesColumn: 'data', mimeColumn: 'mime_type' };

/** A photo of an implementation update (its bytes from the row or the store), or undefined. */
export async function implementationPhoto(id: number): Promise<{ mime: string; data: Uint8Array } | undefined> {
  const [row] = await db.select({ mime: implementationPhotos.mimeType, data: implementationPhotos.data, storageKey: implementationPhotos.storageKey }).from(implementationPhotos).where(eq(implementationPhotos.id, id));
  const data = row ? await storedBytes(row) : null;
  return row && data ? { mime: row.mime, data } : undefined;
}

/** An option's picture with its ballot's status (a draft's pictures are its editors' only), or undefined. */
export async function ballotOptionImage(id: number) {
  const [row] = await db
    .select({ mime: ballotOptions.imageMimeType, data: ballotOptions.image, status: ballots.status })
    .from(ballotOptions)
    .innerJoin(ballotQuestions, eq(ballotQuestions.id, ballotOptions.questionId))
    .innerJoin(ballots, eq(ballots.id, ballotQuestions.ballotId))
    .where(eq(ballotOptions.id, id));
  return row;
}
