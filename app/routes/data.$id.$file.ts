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
  // The file itself streams from the primary: a stream cut by a standby stopping half-way could not be started again.
  return new Response(streamResource(dataset, resource), {
    headers: { ...headers, 'Content-Type': `${resource.mediatype}; charset=utf-8`, 'Content-Disposition': `attachment; filename="${resource.path}"` },
  });
}
