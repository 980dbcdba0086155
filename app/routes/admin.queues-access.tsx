import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '#app/modules/accounts/permissions.server';

/**
 * Asked in-process by scripts/serve.mjs before it shows the queues dashboard (/admin/queues): 200 lets the
 * dashboard through; otherwise the app's own answer (sign-in redirect or the friendly 403 page) is sent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'queues.read');
  return null;
}

export default function QueuesAccess() {
  return null;
}
