import type { LoaderFunctionArgs } from '@remix-run/node';
import { dataPackage, findDataset } from '#app/modules/opendata/datasets.server';
import { appOrigin } from '#app/utils/env.server';
import { readFromReplica } from '#app/utils/read-replica.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const dataset = findDataset(params.id ?? '');
  if (!dataset) return Response.json({ error: { code: 'not_found', message: `No dataset ${params.id}` } }, { status: 404 });
  const { updated } = await readFromReplica(request, () => dataset.state());
  return Response.json(dataPackage(dataset, appOrigin(), updated), { headers: { 'Access-Control-Allow-Origin': '*', 'Last-Modified': updated.toUTCString() } });
}
