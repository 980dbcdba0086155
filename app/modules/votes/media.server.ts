// The Votes tool's stored pictures, read for the media routes: ballot options' images and implementation photos.
import { eq } from 'drizzle-orm';
import { ballotOptions, ballotQuestions, ballots, implementationPhotos } from '#db/schema/index';
import { db } from '#app/utils/db.server';

/** A photo of an implementation update, or undefined. */
export async function implementationPhoto(id: number) {
  const [row] = await db.select({ mime: implementationPhotos.mimeType, data: implementationPhotos.data }).from(implementationPhotos).where(eq(implementationPhotos.id, id));
  return row;
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
