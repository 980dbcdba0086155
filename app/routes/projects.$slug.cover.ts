import type { LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { projects } from '#db/schema/index';
import { db } from '#app/utils/db.server';

/** A project's cover image (re-encoded on upload). */
export async function loader({ params }: LoaderFunctionArgs) {
  if (!params.slug || !/^[a-z0-9-]{1,60}$/.test(params.slug)) throw new Response('Not found', { status: 404 });
  const [row] = await db.select({ data: projects.coverImage, mimeType: projects.coverMimeType }).from(projects).where(eq(projects.slug, params.slug));
  if (!row?.data || !row.mimeType) throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(row.data), { headers: { 'Content-Type': row.mimeType, 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' } });
}
