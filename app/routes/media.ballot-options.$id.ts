import type { LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { ballotOptions, ballotQuestions, ballots } from '#db/schema/index';
import { can } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { db } from '#app/utils/db.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { imageResponse } from '#app/utils/media.server';

/** An option's picture (re-encoded on upload). A draft ballot's pictures are its editors' only, like the draft. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [row] = await db
    .select({ mime: ballotOptions.imageMimeType, data: ballotOptions.image, status: ballots.status })
    .from(ballotOptions)
    .innerJoin(ballotQuestions, eq(ballotQuestions.id, ballotOptions.questionId))
    .innerJoin(ballots, eq(ballots.id, ballotQuestions.ballotId))
    .where(eq(ballotOptions.id, idParam(params.id, serialMax)));
  if (!row?.data || !row.mime) throw new Response('Not found', { status: 404 });
  const draft = row.status === 'draft';
  if (draft && !can(await getCurrentUser(request), 'votes.manage')) throw new Response('Not found', { status: 404 });
  return imageResponse(row.data, row.mime, `ballot-option-${params.id}`, draft ? 'private' : 'public');
}
