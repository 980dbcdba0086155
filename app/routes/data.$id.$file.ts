import type { LoaderFunctionArgs } from '@remix-run/node';
import { findDataset, streamResource } from '#app/modules/opendata/datasets.server';
import { readFromReplica } from '#app/utils/read-replica.server';

/** A dataset file, streamed; ETag and Last-Modified let clients skip an unchanged download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const dataset = findDataset(params.id ?? '');
  const resource = dataset?.resources.find((r) => r.path === params.file);
  if (!dataset || !resource) return Response.json({ error: { code: 'not_found', message: `No file ${params.id}/${params.file}` } }, { status: 404 });
  const { rows, updated } = await readFromReplica(request, () => dataset.state());
  const etag = `W/"${dataset.id}-${resource.format}-${rows}-${updated.getTime()}"`;
  const headers = { ETag: etag, 'Last-Modified': updated.toUTCString(), 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' };
  const since = request.headers.get('If-Modified-Since');
  if (request.headers.get('If-None-Match') === etag || (!request.headers.get('If-None-Match') && since && new Date(since).getTime() >= Math.floor(updated.getTime() / 1000) * 1000)) {
    return new Response(null, { status: 304, headers });
  }
  // The CSV exports' COPY starts on the replica too; the JSON ones read their batches from the primary.
  const body = await readFromReplica(request, async () => streamResource(dataset, resource));
  return new Response(body, {
    headers: { ...headers, 'Content-Type': `${resource.mediatype}; charset=utf-8`, 'Content-Disposition': `attachment; filename="${resource.path}"` },
  });
}
