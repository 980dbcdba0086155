import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { verifyApiKey } from '#app/modules/api/api-keys.server';
import { consumeApiLimit } from '#app/modules/api/http.server';
import { open311Error, open311Response, xmlResponse, type Format } from '#app/modules/open311/format';
import { discovery, open311Request, open311Requests, open311Services, open311Submit, postRequestSchema, requestsQuerySchema } from '#app/modules/open311/georeport.server';
import { issuesToErrors } from '#app/utils/forms';
import { translator } from '#app/utils/i18n.server';
import { getLocale } from '#app/utils/locale.server';
import { appOrigin } from '#app/utils/env.server';
import { FormBodyRefused, readFormBody, textFormLimits } from '#app/utils/form-body.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { readFromReplica } from '#app/utils/read-replica.server';

/** Open311 GeoReport v2: discovery, services, requests (GET, POST), requests/{id} and tokens/{token}, JSON or XML. */
function parsePath(splat: string | undefined): { resource: string; id?: string; format: Format } | null {
  const match = /^(discovery|services|requests|tokens)(?:\/([A-Za-z0-9_-]{1,60}))?\.(json|xml)$/.exec(splat ?? '');
  if (!match) return null;
  return { resource: match[1]!, id: match[2], format: match[3] as Format };
}

// Open311 speaks English whatever the caller's language; a refusal names the parameter.
const english = translator('en');
const firstIssue = (issues: Parameters<typeof issuesToErrors>[0]) => {
  const [field, message] = Object.entries(issuesToErrors(issues, english))[0] ?? ['request', 'not valid'];
  return `${field}: ${message}`;
};
const tooMany = (format: Format, retryAfter: number) => open311Error(format, 429, `too many requests; try again in ${retryAfter} s`, { 'Retry-After': String(retryAfter) });

/** Reads count like /api/v1's: per API key when a valid one is given, else per address. */
async function readLimit(url: URL, context: AppLoadContext | undefined) {
  const key = url.searchParams.has('api_key') ? await verifyApiKey(url.searchParams.get('api_key')) : null;
  return consumeApiLimit(key, clientIp(context));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const path = parsePath(params['*']);
  if (!path) return open311Error('json', 404, 'unknown endpoint: use discovery, services, requests or tokens with .json or .xml');
  const { resource, id, format } = path;
  const url = new URL(request.url);
  const limit = await readLimit(url, context);
  if (!limit.ok) return tooMany(format, limit.retryAfter);
  const locale = await getLocale(request);
  if (resource === 'discovery' && !id) {
    const document = discovery(appOrigin());
    if (format === 'json') return Response.json(document, { headers: { 'Access-Control-Allow-Origin': '*' } });
    const endpoints = document.endpoints.map(({ formats, ...endpoint }) => ({ ...endpoint, formats: { format: formats } }));
    return xmlResponse({ discovery: { ...document, endpoints: { endpoint: endpoints } } });
  }
  return readFromReplica(request, async () => {
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
      if (!query.success) return open311Error(format, 400, firstIssue(query.error.issues));
      return open311Response(format, 'service_requests', 'request', await open311Requests(query.data, locale));
    }
    return open311Error(format, 404, 'unknown endpoint');
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const path = parsePath(params['*']);
  if (!path || path.resource !== 'requests' || path.id) return open311Error(path?.format ?? 'json', 404, 'only requests.json and requests.xml accept POST');
  const { format } = path;
  // Filing is counted per address before the body is read, then per key once the key is known.
  const ip = clientIp(context);
  const byIp = await consumeLimit('open311-report', { ip });
  if (byIp !== null) return tooMany(format, byIp);
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
  const byKey = await consumeLimit('open311-report', { ip: null, userId: `api-key-${key.id}` });
  if (byKey !== null) return tooMany(format, byKey);
  const input = postRequestSchema.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === 'string' && v !== '')));
  if (!input.success) return open311Error(format, 400, firstIssue(input.error.issues));
  const result = await open311Submit(key.id, input.data, await getLocale(request));
  if (!result.ok) return open311Error(format, result.errors.code, result.errors.description);
  return open311Response(format, 'service_requests', 'request', [{ service_request_id: String(result.value.id), service_notice: 'Received: the request is checked by a moderator before it is published.', account_id: null }]);
}
