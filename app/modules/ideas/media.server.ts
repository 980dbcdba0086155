// The Ideas tool's stored pictures: a project's cover (read for the media route) and the ideas' photos in the media
// store (ADR 051: their namespace and columns, for uploads, media:migrate and the orphan sweep).
import { eq } from 'drizzle-orm';
import { projects } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { MediaTable } from '#app/utils/stored-media.server';

/** A project's cover image and its type, or undefined. */
export async function projectCover(slug: string) {
  const [row] = await db.select({ data: projects.coverImage, mimeType: projects.coverMimeType }).from(projects).where(eq(projects.slug, slug));
  return row;
}

export const ideaMedia: MediaTable = { namespace: 'idea-photos', table: 'idea_photos', bytesColumn: 'data', mimeColumn: 'mime_type' };
