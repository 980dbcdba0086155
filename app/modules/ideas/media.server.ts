// The Ideas tool's stored pictures, read for the media routes: a project's cover.
import { eq } from 'drizzle-orm';
import { projects } from '#db/schema/index';
import { db } from '#app/utils/db.server';

/** A project's cover image and its type, or undefined. */
export async function projectCover(slug: string) {
  const [row] = await db.select({ data: projects.coverImage, mimeType: projects.coverMimeType }).from(projects).where(eq(projects.slug, slug));
  return row;
}
