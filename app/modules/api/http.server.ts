import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { AppLoadContext } from '@remix-run/node';
import { env } from '#app/utils/env.server';
import { idText, issuesToErrors } from '#app/utils/forms';
import { translator } from '#app/utils/i18n.server';
import { redisLimiter } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { isDatabaseUnavailable } from '#app/utils/unavailable.server';
import { verifyApiKey } from './api-keys.server';
import { readFromReplica } from '#app/utils/read-replica.server';

const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'X-API-Key', 'Access-Control-Expose-Headers': 'Retry-After, X-RateLimit-Remaining' };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return Response.json(body, { status: init.status ?? 200, headers: { ...cors, 'Cache-Control': 'public, max-age=15', ...init.headers } });
}

export function apiError(status: number, code: string, message: string, fields?: Record<string, string>, headers?: Record<string, string>) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: { ...cors, ...headers } });
}

// The API speaks English whatever the caller's language.
const english = translator('en');

/**
 * Query parameters against the route's schema, one rule for every endpoint: a bad value or a parameter the
 * endpoint does not have is a 400 naming each field (the schemas are strict), never silently ignored.
 */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): { ok: true; data: z.output<S> } | { ok: false; response: Response } {
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, response: apiError(400, 'bad_request', 'Some query parameters are not valid', issuesToErrors(result.error.issues, english)) };
}

/** The query of an endpoint that takes no parameters. */
export const noParameters = z.object({}).strict();

/** A list endpoint: its query parsed (none allowed by default), then the list as JSON, behind the rate limits. */
export async function apiList<S extends z.ZodType>(request: Request, context: AppLoadContext | undefined, schema: S, list: (query: z.output<S>) => Promise<unknown>): Promise<Response> {
  return withApiLimits(request, context, async () => {
    const query = parseQuery(schema, request);
    return query.ok ? apiJson(await readFromReplica(request, () => list(query.data))) : query.response;
  });
}

// Per IP, and (higher) per API key; counted in Redis so every web process shares them.
let limiters: { ip: RateLimiterRedis; key: RateLimiterRedis } | undefined;
function rateLimiters() {
  const perMinute = Math.round(env.API_RATE_PER_MINUTE * env.RATE_LIMIT_SCALE);
  limiters ??= { ip: redisLimiter('api-ip', perMinute, 60), key: redisLimiter('api-key', perMinute * 10, 60) };
  return limiters;
}

/**
 * Counts one read of the public APIs (/api/v1 and Open311): against the caller's API key when a valid one is
 * given, else against its address. The seconds to wait when over, else what is left.
 */
export async function consumeApiLimit(key: { id: number } | null, ip: string | null): Promise<{ ok: true; remaining: number } | { ok: false; retryAfter: number }> {
  const { ip: perIp, key: perKey } = rateLimiters();
  try {
    const res = key ? await perKey.consume(String(key.id)) : await perIp.consume(ip ?? 'unknown');
    return { ok: true, remaining: res.remainingPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}

/** Runs an API handler behind the rate limits: 429 with Retry-After when a caller is over, 503 when the database is down. */
export async function withApiLimits(request: Request, context: AppLoadContext | undefined, handler: () => Promise<Response>): Promise<Response> {
  try {
    const limit = await consumeApiLimit(await verifyApiKey(request.headers.get('X-API-Key')), clientIp(context));
    if (!limit.ok) return apiError(429, 'rate_limited', `Too many requests; try again in ${limit.retryAfter} s`, undefined, { 'Retry-After': String(limit.retryAfter) });
    const response = await handler();
    response.headers.set('X-RateLimit-Remaining', String(limit.remaining));
    return response;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return apiError(503, 'unavailable', 'The service is briefly unavailable; nothing was changed. Try again in a few seconds.', undefined, { 'Retry-After': '10' });
    throw error;
  }
}

const idPath = z.object({ id: idText() });

/** A GET of one thing by its id: 400 for a bad id or any query parameter, 404 when there is none (or it is not public), else the JSON. */
export async function apiById(request: Request, context: AppLoadContext | undefined, rawId: string | undefined, what: string, find: (id: number) => Promise<unknown>): Promise<Response> {
  return withApiLimits(request, context, async () => {
    const path = idPath.safeParse({ id: rawId });
    if (!path.success) return apiError(400, 'bad_request', 'The id is not valid', issuesToErrors(path.error.issues, english));
    const query = parseQuery(noParameters, request);
    if (!query.ok) return query.response;
    const found = await readFromReplica(request, () => find(path.data.id));
    return found ? apiJson(found) : apiError(404, 'not_found', `No public ${what} ${path.data.id}`);
  });
}
