import type { LoaderFunctionArgs } from '@remix-run/node';
import { projectCover } from '#app/modules/ideas/media.server';

/** A project's cover image (re-encoded on upload). */
export async function loader({ params }: LoaderFunctionArgs) {
  if (!params.slug || !/^[a-z0-9-]{1,60}$/.test(params.slug)) throw new Response('Not found', { status: 404 });
  const row = await projectCover(params.slug);
  if (!row) throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(row.data), { headers: { 'Content-Type': row.mimeType, 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' } });
}
