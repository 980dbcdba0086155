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

/** Ballot options' pictures in the media store (ADR 058): one optional picture per option row. */
export const ballotOptionMedia: MediaTable = { namespace: 'ballot-option-pictures', table: 'ballot_options', bytesColumn: 'image', mimeColumn: 'image_mime_type', keyColumn: 'image_storage_key' };

/** An option's picture (from the row or the store) with its ballot's status (a draft's pictures are its editors' only), or undefined. */
export async function ballotOptionImage(id: number): Promise<{ mime: string; data: Uint8Array; status: string } | undefined> {
  const [row] = await db
    .select({ mime: ballotOptions.imageMimeType, data: ballotOptions.image, storageKey: ballotOptions.imageStorageKey, status: ballots.status })
    .from(ballotOptions)
    .innerJoin(ballotQuestions, eq(ballotQuestions.id, ballotOptions.questionId))
    .innerJoin(ballots, eq(ballots.id, ballotQuestions.ballotId))
    .where(eq(ballotOptions.id, id));
  const data = row ? await storedBytes(row) : null;
  return row?.mime && data ? { mime: row.mime, data, status: row.status } : undefined;
}
