import type { LoaderFunctionArgs } from '@remix-run/node';
import { pabulibOf } from '#app/modules/votes/ledger-export.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** A published budget question in the Pabulib format, for participatory-budgeting research tools. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const questionId = idParam(params.questionId, serialMax);
  const pb = await pabulibOf(id, questionId);
  if (pb === null) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(pb, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="vmeste-ballot-${id}-question-${questionId}.pb"`,
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=60',
    },
  });
}
