import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { z } from 'zod';
import type { AppLoadContext } from '@remix-run/node';
import { env } from '#app/utils/env.server';
import { redisLimiter } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { isDatabaseUnavailable } from '#app/utils/unavailable.server';
import { verifyApiKey } from './api-keys.server';

const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'X-API-Key', 'Access-Control-Expose-Headers': 'Retry-After, X-RateLimit-Remaining' };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return Response.json(body, { status: init.status ?? 200, headers: { ...cors, 'Cache-Control': 'public, max-age=15', ...init.headers } });
}

export function apiError(status: number, code: string, message: string, fields?: Record<string, string>, headers?: Record<string, string>) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: { ...cors, ...headers } });
}

/** Query parameters against the route's schema; a bad one is a 400 naming each field. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): { ok: true; data: z.output<S> } | { ok: false; response: Response } {
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (result.success) return { ok: true, data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'query'))] ??= issue.message;
  return { ok: false, response: apiError(400, 'bad_request', 'Some query parameters are not valid', fields) };
}

// Per IP, and (higher) per API key; counted in Redis so every web process shares them.
let limiters: { ip: RateLimiterRedis; key: RateLimiterRedis } | undefined;
function rateLimiters() {
  const perMinute = Math.round(env.API_RATE_PER_MINUTE * env.RATE_LIMIT_SCALE);
  limiters ??= { ip: redisLimiter('api-ip', perMinute, 60), key: redisLimiter('api-key', perMinute * 10, 60) };
  return limiters;
}

/** Runs an API handler behind the rate limits: 429 with Retry-After when a caller is over, 503 when the database is down. */
export async function withApiLimits(request: Request, context: AppLoadContext | undefined, handler: () => Promise<Response>): Promise<Response> {
  const { ip, key: perKey } = rateLimiters();
  try {
    const key = await verifyApiKey(request.headers.get('X-API-Key'));
    const res = key ? await perKey.consume(String(key.id)) : await ip.consume(clientIp(context) ?? 'unknown');
    const response = await handler();
    response.headers.set('X-RateLimit-Remaining', String(res.remainingPoints));
    return response;
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retry = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      return apiError(429, 'rate_limited', `Too many requests; try again in ${retry} s`, undefined, { 'Retry-After': String(retry) });
    }
    if (isDatabaseUnavailable(error)) return apiError(503, 'unavailable', 'The service is briefly unavailable; nothing was changed. Try again in a few seconds.', undefined, { 'Retry-After': '10' });
    throw error;
  }
}

/** A GET of one thing by its id: 400 for a bad id, 404 when there is none (or it is not public), else the JSON. */
export async function apiById(request: Request, context: AppLoadContext | undefined, rawId: string | undefined, what: string, find: (id: number) => Promise<unknown>): Promise<Response> {
  return withApiLimits(request, context, async () => {
    const id = Number(rawId);
    if (!rawId || !/^\d{1,15}$/.test(rawId) || !Number.isSafeInteger(id) || id <= 0) return apiError(400, 'bad_request', 'The id must be a positive whole number', { id: 'Must be a positive whole number' });
    const found = await find(id);
    return found ? apiJson(found) : apiError(404, 'not_found', `No public ${what} ${id}`);
  });
}
