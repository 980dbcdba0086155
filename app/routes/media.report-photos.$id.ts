import type { LoaderFunctionArgs } from '@remix-run/node';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { canSeeReport } from '#app/modules/reports/permissions.server';
import { photoBytes } from '#app/modules/reports/photo-store.server';
import { reportPhoto } from '#app/modules/reports/queries.server';
import { imageResponse } from '#app/utils/media.server';
import { idParam } from '#app/utils/route-params';

/** A report's photo (already resized and cleaned). Photos of reports not yet public go to the author and staff only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const photo = await reportPhoto(id);
  if (!photo) throw new Response('Not found', { status: 404 });
  const user = photo.status === 'submitted' || photo.status === 'rejected' ? await getCurrentUser(request) : null;
  if (!canSeeReport(user, { status: photo.status, authorId: photo.author_id, departmentId: photo.department_id })) throw new Response('Not found', { status: 404 });
  const bytes = await photoBytes(photo);
  if (!bytes) throw new Response('Not found', { status: 404 });
  return imageResponse(bytes, photo.mime_type, `report-photo-${id}`, user ? 'private' : 'public');
}
