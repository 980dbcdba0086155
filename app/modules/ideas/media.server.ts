// The Ideas tool's stored pictures: a project's cover (read for the media route) and the ideas' photos in the media
// store (ADR 051: their namespace and columns, for uploads, media:migrate and the orphan sweep).
import { eq } from 'drizzle-orm';
import { projects } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { storedBytes, type MediaTable } from '#app/utils/stored-media.server';

/** A project's cover image (its bytes from the row or the store) and its type, or undefined. */
export async function projectCover(slug: string): Promise<{ data: Uint8Array; mimeType: string } | undefined> {
  const [row] = await db.select({ data: projects.coverImage, storageKey: projects.coverStorageKey, mimeType: projects.coverMimeType }).from(projects).where(eq(projects.slug, slug));
  const data = row ? await storedBytes(row) : null;
  return row?.mimeType && data ? { data, mimeType: row.mimeType } : undefined;
}

export const ideaMedia: MediaTable = { namespace: 'idea-photos', table: 'idea_photos', bytesColumn: 'data', mimeColumn: 'mime_type' };

/** Projects' covers in the media store (ADR 058): one optional picture per project row. */
export const projectCoverMedia: MediaTable = { namespace: 'project-covers', table: 'projects', bytesColumn: 'cover_image', mimeColumn: 'cover_mime_type', keyColumn: 'cover_storage_key' };
