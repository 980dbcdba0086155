// The Alerts tool's manifest: subscriptions to new reports and answers in an area, and their daily digests (ADR 056).
import { env } from '#app/utils/env.server';
import type { ToolManifest } from '#app/modules/manifest';
import { alertDigestQueueName } from './jobs';
import { processAlertDigest } from './processors.server';
import { sweepAreaDigests } from './send-digest.server';

export const alertsTool = {
  name: 'alerts',
  queues: [{ name: alertDigestQueueName, concurrency: 2, process: processAlertDigest }],
  sweepers: [{ name: 'alert-digests', every: env.SWEEP_EVERY_MS, run: () => sweepAreaDigests() }],
} as const satisfies ToolManifest;
