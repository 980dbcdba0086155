import type { LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { ballotOptions } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { imageResponse } from '#app/utils/media.server';

/** An option's picture (re-encoded on upload). */
export async function loader({ params }: LoaderFunctionArgs) {
  const [row] = await db.select({ mime: ballotOptions.imageMimeType, data: ballotOptions.image }).from(ballotOptions).where(eq(ballotOptions.id, idParam(params.id, serialMax)));
  if (!row?.data || !row.mime) throw new Response('Not found', { status: 404 });
  return imageResponse(row.data, row.mime, `ballot-option-${params.id}`, 'public');
}
