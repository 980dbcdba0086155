import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { personalDataStream } from '#app/modules/accounts/personal-data.server';

/** "Download my data": everything held about the signed-in person, as one JSON file, streamed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(personalDataStream(user.id), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="vmeste-my-data-${day}.json"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
