// The reminders of booked visits: one job a day before and one an hour before, ids derived from the visit.
import { Queue } from 'bullmq';
import { z } from 'zod';
import { ensureJobs, retryOptions } from '#app/utils/jobs.server';
import { producerRedis, queuePrefix, withinRedisTimeout } from '#app/utils/redis.server';

export const visitReminderQueueName = 'visit-reminders';
export const reminderKinds = ['day', 'hour'] as const;
export type ReminderKind = (typeof reminderKinds)[number];
/** How long before the visit each reminder goes. */
export const reminderLead: Record<ReminderKind, number> = { day: 24 * 3600_000, hour: 3600_000 };

export const visitReminderJobSchema = z.object({ visitId: z.number().int().positive(), kind: z.enum(reminderKinds) });
export type VisitReminderJob = z.infer<typeof visitReminderJobSchema>;

/** One job per visit and reminder; the start time is part of the id, so a moved visit's old reminders never fire for the new time. */
export const visitReminderJobId = (visitId: number, kind: ReminderKind, startsAt: Date) => `visit-${visitId}-${kind}-${startsAt.getTime()}`;

const jobOptions = { ...retryOptions(), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };
let queue: Queue<VisitReminderJob> | undefined;
const reminders = () => (queue ??= new Queue<VisitReminderJob>(visitReminderQueueName, { connection: producerRedis(), prefix: queuePrefix(visitReminderQueueName) }));

type VisitTimes = { id: number; startsAt: Date; createdAt: Date; remindedDayAt?: Date | null; remindedHourAt?: Date | null };

/**
 * Whether a reminder is owed: the visit was booked before the reminder's time (a visit booked for in three hours
 * gets no "tomorrow" reminder), it has not been sent, and the visit has not begun (the day's gives way to the hour's).
 */
export function reminderOwed(visit: VisitTimes, kind: ReminderKind, now = Date.now()): boolean {
  const at = visit.startsAt.getTime() - reminderLead[kind];
  const sent = kind === 'day' ? visit.remindedDayAt : visit.remindedHourAt;
  const until = kind === 'day' ? visit.startsAt.getTime() - reminderLead.hour : visit.startsAt.getTime();
  return !sent && visit.createdAt.getTime() < at && now < until;
}

/** The reminder jobs a visit still wants, each delayed to its time. */
export function wantedReminders(visit: VisitTimes, now = Date.now()) {
  return reminderKinds
    .filter((kind) => reminderOwed(visit, kind, now))
    .map((kind) => ({ name: kind, data: { visitId: visit.id, kind }, opts: { ...jobOptions, jobId: visitReminderJobId(visit.id, kind, visit.startsAt), delay: Math.max(0, visit.startsAt.getTime() - reminderLead[kind] - now) } }));
}

/** Queues a booked visit's reminders; with Redis away the sweeper queues them from Postgres later. */
export async function scheduleVisitReminders(visit: VisitTimes): Promise<void> {
  try {
    await withinRedisTimeout(reminders().addBulk(wantedReminders(visit)));
  } catch (error) {
    console.warn(`[centres] reminders of visit ${visit.id} not queued now (${(error as Error).message}); the sweeper will catch up`);
  }
}

/** The sweeper's repair: every reminder Postgres says is still owed is queued (or retried), once. */
export async function ensureVisitReminders(due: VisitTimes[], now = Date.now()): Promise<void> {
  const wanted = due.flatMap((v) => wantedReminders(v, now));
  if (wanted.length) await ensureJobs(reminders(), wanted);
}
