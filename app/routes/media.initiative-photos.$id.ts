import type { LoaderFunctionArgs } from '@remix-run/node';
import { idParam } from '#app/utils/route-params';
import { initiativePhoto } from '#app/modules/initiatives/queries.server';
import { imageResponse } from '#app/utils/media.server';

/** An initiative's photo (resized, metadata stripped); not served before a moderator approved the initiative. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const photo = await initiativePhoto(id);
  if (!photo) throw new Response('Not found', { status: 404 });
  return imageResponse(photo.data, photo.mimeType, `initiative-photo-${id}`, 'public');
}
