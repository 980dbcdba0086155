import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { verifyApiKey } from '#app/modules/api/api-keys.server';
import { open311Error, open311Response, type Format } from '#app/modules/open311/format';
import { discovery, open311Request, open311Requests, open311Services, open311Submit, postRequestSchema, requestsQuerySchema } from '#app/modules/open311/georeport.server';
import { getLocale } from '#app/utils/locale.server';
import { FormBodyRefused, readFormBody, textFormLimits } from '#app/utils/form-body.server';

/** Open311 GeoReport v2: discovery, services, requests (GET, POST), requests/{id} and tokens/{token}, JSON or XML. */
function parsePath(splat: string | undefined): { resource: string; id?: string; format: Format } | null {
  const match = /^(discovery|services|requests|tokens)(?:\/([A-Za-z0-9_-]{1,60}))?\.(json|xml)$/.exec(splat ?? '');
  if (!match) return null;
  return { resource: match[1]!, id: match[2], format: match[3] as Format };
}

const firstIssue = (error: { issues: { message: string }[] }) => error.issues[0]?.message ?? 'invalid parameter';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const path = parsePath(params['*']);
  if (!path) return open311Error('json', 404, 'unknown endpoint: use discovery, services, requests or tokens with .json or .xml');
  const { resource, id, format } = path;
  const locale = await getLocale(request);
  const url = new URL(request.url);
  if (resource === 'discovery' && !id) return Response.json(discovery(url.origin), { headers: { 'Access-Control-Allow-Origin': '*' } });
  if (resource === 'services') {
    const services = await open311Services(locale);
    if (!id) return open311Response(format, 'services', 'service', services);
    if (!services.some((s) => s.service_code === id)) return open311Error(format, 404, `service_code ${id} not found`);
    // No service has extra attributes today: the definition lists none.
    return format === 'json'
      ? Response.json({ service_code: id, attributes: [] }, { headers: { 'Access-Control-Allow-Origin': '*' } })
      : open311Response(format, 'service_definition', 'service_code', [{ service_code: id }]);
  }
  if (resource === 'requests' || resource === 'tokens') {
    if (id) {
      if (!/^\d{1,15}$/.test(id)) return open311Error(format, 404, `${resource === 'tokens' ? 'token' : 'service_request_id'} ${id} not found`);
      const found = await open311Request(Number(id), locale);
      if (!found) return open311Error(format, 404, `${resource === 'tokens' ? 'token' : 'service_request_id'} ${id} not found`);
      // Requests are created at once, so a token is the request's id.
      return resource === 'tokens' ? open311Response(format, 'service_requests', 'request', [{ service_request_id: id, token: id }]) : open311Response(format, 'service_requests', 'request', [found]);
    }
    if (resource === 'tokens') return open311Error(format, 404, 'token required');
    const query = requestsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return open311Error(format, 400, firstIssue(query.error));
    return open311Response(format, 'service_requests', 'request', await open311Requests(query.data, locale));
  }
  return open311Error(format, 404, 'unknown endpoint');
}

export async function action({ request, params }: ActionFunctionArgs) {
  const path = parsePath(params['*']);
  if (!path || path.resource !== 'requests' || path.id) return open311Error(path?.format ?? 'json', 404, 'only requests.json and requests.xml accept POST');
  const { format } = path;
  let form: FormData;
  try {
    form = await readFormBody(request, textFormLimits);
  } catch (error) {
    if (!(error instanceof FormBodyRefused)) throw error;
    if (error.refusal.kind !== 'unreadable') return open311Error(format, 413, `the body may have at most ${textFormLimits.maxFields} fields and ${textFormLimits.maxBytes / 1024} KB`);
    return open311Error(format, 400, 'the body must be form-encoded (application/x-www-form-urlencoded)');
  }
  const key = await verifyApiKey(form.get('api_key')?.toString());
  if (!key) return open311Error(format, 403, 'api_key is missing or not valid');
  const input = postRequestSchema.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === 'string' && v !== '')));
  if (!input.success) return open311Error(format, 400, firstIssue(input.error));
  const result = await open311Submit(key.id, input.data, await getLocale(request));
  if (!result.ok) return open311Error(format, result.errors.code, result.errors.description);
  return open311Response(format, 'service_requests', 'request', [{ service_request_id: String(result.value.id), service_notice: 'Received: the request is checked by a moderator before it is published.', account_id: null }]);
}
