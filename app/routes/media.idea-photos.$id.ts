import type { LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { ideaPhotos, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { idParam } from '#app/modules/ideas/project-access.server';

/** An idea's photo (resized, metadata stripped). A hidden idea's photos are not served. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const [photo] = await db.select({ data: ideaPhotos.data, mimeType: ideaPhotos.mimeType, status: ideas.status }).from(ideaPhotos).innerJoin(ideas, eq(ideas.id, ideaPhotos.ideaId)).where(eq(ideaPhotos.id, id));
  if (!photo || photo.status === 'hidden') throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(photo.data), { headers: { 'Content-Type': photo.mimeType, 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' } });
}
