// The daily digests of area alerts (ADR 056): one job per alert and city-local day, delayed to the digest hour; the id
// names both, so a second enqueue of the same digest is a no-op (and Postgres's digest row makes a re-run one too).
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { env } from '#app/utils/env.server';
import { ensureJobs, retryOptions } from '#app/utils/jobs.server';
import { producerRedis, queuePrefix, withinRedisTimeout } from '#app/utils/redis.server';

export const alertDigestQueueName = 'alert-digests';
export const alertDigestJobSchema = z.object({ alertId: z.number().int().positive(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export type AlertDigestJob = z.infer<typeof alertDigestJobSchema>;

export const alertDigestJobId = (alertId: number, day: string) => `alert-${alertId}-${day}`;

/** The city-local day of an instant, YYYY-MM-DD. */
export const cityDayOf = (instant: Date) => DateTime.fromJSDate(instant, { zone: env.CITY_TIMEZONE }).toISODate()!;
/** The day after a city-local day. */
export const nextDay = (day: string) => DateTime.fromISO(day, { zone: env.CITY_TIMEZONE }).plus({ days: 1 }).toISODate()!;
/** When a day's digest goes out: the configured hour of that day in the city (luxon skips a missing hour forward). */
export const digestTime = (day: string) => DateTime.fromISO(day, { zone: env.CITY_TIMEZONE }).set({ hour: env.ALERT_DIGEST_HOUR }).toJSDate();

const jobOptions = { ...retryOptions(), removeOnComplete: { age: 3 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } };
let queue: Queue<AlertDigestJob> | undefined;
const digests = () => (queue ??= new Queue<AlertDigestJob>(alertDigestQueueName, { connection: producerRedis(), prefix: queuePrefix(alertDigestQueueName) }));

/** A day's digest job of one alert, delayed to its hour. */
export function wantedDigest(alertId: number, day: string, now = Date.now()) {
  return { name: 'digest', data: { alertId, day }, opts: { ...jobOptions, jobId: alertDigestJobId(alertId, day), delay: Math.max(0, digestTime(day).getTime() - now) } };
}

/** Queues an alert's next digest; with Redis away the sweeper queues it from Postgres later. */
export async function scheduleDigest(alertId: number, day: string): Promise<void> {
  const { name, data, opts } = wantedDigest(alertId, day);
  try {
    await withinRedisTimeout(digests().add(name, data, opts));
  } catch (error) {
    console.warn(`[alerts] digest of alert ${alertId} for ${day} not queued now (${(error as Error).message}); the sweeper will`);
  }
}

/**
 * Queues an alert's digest of `day` again when it comes back on (resumed): a job of that day that already ran (and
 * found the alert paused) is replaced, so the chain of daily jobs goes on now rather than at the next sweep (ADR 062).
 * A digest already made that day is not made twice: the job finds its row and queues the next day's.
 */
export async function rescheduleDigest(alertId: number, day: string): Promise<void> {
  try {
    await withinRedisTimeout(ensureDigests([{ alertId, day }]));
  } catch (error) {
    console.warn(`[alerts] digest of alert ${alertId} for ${day} not queued now (${(error as Error).message}); the sweeper will`);
  }
}

/** The sweeper's repair: each active alert's next digest is queued (or retried), once. */
export async function ensureDigests(due: { alertId: number; day: string }[], now = Date.now()): Promise<void> {
  if (due.length) await ensureJobs(digests(), due.map((d) => wantedDigest(d.alertId, d.day, now)));
}
