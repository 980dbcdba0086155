import type { LoaderFunctionArgs } from '@remix-run/node';
import { idParam } from '#app/utils/route-params';
import { ideaPhoto } from '#app/modules/ideas/queries.server';
import { imageResponse } from '#app/utils/media.server';

/** An idea's photo (resized, metadata stripped). A hidden idea's photos are not served. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const photo = await ideaPhoto(id);
  if (!photo) throw new Response('Not found', { status: 404 });
  return imageResponse(photo.data, photo.mimeType, `idea-photo-${id}`, 'public');
}
