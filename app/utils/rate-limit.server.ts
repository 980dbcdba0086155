import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from './env.server';
import { keyPrefix, producerRedis } from './redis.server';

/**
 * Burst limits on the actions people could flood, per IP and per account, counted in Redis so every web process
 * shares them. They sit above what a person does by hand; the daily report limit and sign-in throttling in
 * Postgres are the slower, stricter rules. RATE_LIMIT_SCALE multiplies them all (a load benchmark raises it).
 */
export const actionLimits = {
  'sign-in': { perIp: [30, 60], perAccount: null },
  register: { perIp: [20, 3600], perAccount: null },
  'password-reset': { perIp: [10, 3600], perAccount: null },
  'password-change': { perIp: [30, 600], perAccount: [5, 600] },
  report: { perIp: [30, 600], perAccount: [5, 60] },
  // Reports filed through Open311: per address, and per API key (an app files for many residents).
  'open311-report': { perIp: [30, 600], perAccount: [300, 600] },
  idea: { perIp: [30, 600], perAccount: [5, 600] },
  comment: { perIp: [60, 60], perAccount: [10, 60] },
  support: { perIp: [240, 60], perAccount: [60, 60] },
  vote: { perIp: [120, 60], perAccount: [10, 60] },
  // One post per survey page: a long survey answered briskly stays well under it.
  'survey-page': { perIp: [300, 60], perAccount: [60, 60] },
  visit: { perIp: [60, 600], perAccount: [10, 600] },
  // Area alerts (ADR 056): per address, and per account or — for someone without one — per e-mail address.
  'area-alert': { perIp: [20, 3600], perAccount: [20, 3600] },
  // The address combobox asks as a person types (debounced): well above typing, well below scraping the registry.
  'address-search': { perIp: [120, 60], perAccount: null },
} as const satisfies Record<string, { perIp: readonly [number, number]; perAccount: readonly [number, number] | null }>;

export type LimitedAction = keyof typeof actionLimits;

/** A limiter counting in Redis; if Redis is down, each process counts in memory rather than refusing or letting all through. */
export function redisLimiter(name: string, points: number, seconds: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: producerRedis(),
    keyPrefix: `${keyPrefix()}:limit:${name}`,
    points,
    duration: seconds,
    insuranceLimiter: new RateLimiterMemory({ points, duration: seconds }),
  });
}

const limiters = new Map<string, RateLimiterRedis>();
function limiterFor(action: LimitedAction, scope: 'ip' | 'account'): RateLimiterRedis | null {
  const spec = scope === 'ip' ? actionLimits[action].perIp : actionLimits[action].perAccount;
  if (!spec) return null;
  const key = `${action}:${scope}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = redisLimiter(key, Math.max(1, Math.round(spec[0] * env.RATE_LIMIT_SCALE)), spec[1]);
    limiters.set(key, limiter);
  }
  return limiter;
}

/** Counts one attempt; null when allowed, else the seconds to wait. */
export async function consumeLimit(action: LimitedAction, who: { ip: string | null; userId?: string | null }): Promise<number | null> {
  try {
    const byIp = limiterFor(action, 'ip');
    if (byIp && who.ip) await byIp.consume(who.ip);
    const byAccount = limiterFor(action, 'account');
    if (byAccount && who.userId) await byAccount.consume(who.userId);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

/**
 * Whether an action is already over its limit, without counting an attempt: null when allowed, else the seconds
 * to wait. Upload routes ask this before reading a body, and count the attempt with consumeLimit once it is read.
 */
export async function limitReached(action: LimitedAction, who: { ip: string | null; userId?: string | null }): Promise<number | null> {
  const checks = [
    [limiterFor(action, 'ip'), who.ip],
    [limiterFor(action, 'account'), who.userId],
  ] as const;
  for (const [limiter, key] of checks) {
    if (!limiter || !key) continue;
    const state = await limiter.get(key).catch(() => null);
    if (state && state.remainingPoints <= 0) return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }
  return null;
}
