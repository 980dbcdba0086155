import type { LoaderFunctionArgs } from '@remix-run/node';
import { getCurrentUser } from '#app/modules/accounts/index.server';
import { surveyPhotoFor } from '#app/modules/surveys/access.server';
import { imageResponse } from '#app/utils/media.server';

/** A survey's photo answer (re-encoded on upload): to the one who uploaded it and the survey's staff only (ADR 066). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  const photo = await surveyPhotoFor(await getCurrentUser(request), id);
  if (!photo) throw new Response('Not found', { status: 404 });
  return imageResponse(photo.data, photo.mimeType, `survey-photo-${id}`, 'private');
}
