import type { LoaderFunctionArgs } from '@remix-run/node';
import { can } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { ballotOptionImage } from '#app/modules/votes/media.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { imageResponse } from '#app/utils/media.server';

/** An option's picture (re-encoded on upload). A draft ballot's pictures are its editors' only, like the draft. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const row = await ballotOptionImage(idParam(params.id, serialMax));
  if (!row) throw new Response('Not found', { status: 404 });
  const draft = row.status === 'draft';
  if (draft && !can(await getCurrentUser(request), 'votes.manage')) throw new Response('Not found', { status: 404 });
  return imageResponse(row.data, row.mime, `ballot-option-${params.id}`, draft ? 'private' : 'public');
}
