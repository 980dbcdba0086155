// The Notifications tool's manifest: the in-app notices and the e-mail outbox with its queue (ADR 037).
import { env } from '#app/utils/env.server';
import type { ToolManifest } from '#app/modules/manifest';
import { notificationsStats } from './stats.server';
import { emailQueueName } from './jobs';
import { processEmailJob, sweepOutbox } from './processors.server';
import { countUnread } from './queries.server';

export const notificationsTool = {
  name: 'notifications',
  queues: [{ name: emailQueueName, concurrency: 4, process: processEmailJob }],
  sweepers: [{ name: 'sweep-outbox', every: env.SWEEP_EVERY_MS, run: sweepOutbox }],
  cabinet: async (user) => ({ counts: { unread: await countUnread(user.id) } }),
  permissions: { 'notifications.read-outbox': { cityWide: ['admin'] } },
  stats: notificationsStats,
} as const satisfies ToolManifest;
