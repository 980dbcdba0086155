import type { LoaderFunctionArgs } from '@remix-run/node';
import { can, departmentScopes } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { reportPhoto } from '#app/modules/reports/queries.server';

/** A report's photo (already resized and cleaned). Photos of reports not yet public go to the author and staff only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response('Not found', { status: 404 });
  const photo = await reportPhoto(id);
  if (!photo) throw new Response('Not found', { status: 404 });
  if (photo.status === 'submitted' || photo.status === 'rejected') {
    const user = await getCurrentUser(request);
    const allowed = !!user && (user.id === photo.author_id || can(user, 'reports.moderate') || can(user, 'reports.arbitrate') || departmentScopes(user).length > 0);
    if (!allowed) throw new Response('Not found', { status: 404 });
  }
  return new Response(new Uint8Array(photo.data), { headers: { 'Content-Type': photo.mime_type, 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' } });
}
