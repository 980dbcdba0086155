import type { LoaderFunctionArgs } from '@remix-run/node';
import { implementationPhoto } from '#app/modules/votes/media.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { imageResponse } from '#app/utils/media.server';

/** A photo of an implementation update (public, like the decision). */
export async function loader({ params }: LoaderFunctionArgs) {
  const row = await implementationPhoto(idParam(params.id, serialMax));
  if (!row) throw new Response('Not found', { status: 404 });
  return imageResponse(row.data, row.mime, `implementation-photo-${params.id}`, 'public');
}
