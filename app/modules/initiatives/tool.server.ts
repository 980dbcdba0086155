// The Initiatives tool's manifest: residents put a question on the city's agenda by collecting supports (ADR 044).
import { env } from '#app/utils/env.server';
import type { ToolManifest } from '#app/modules/manifest';
import { initiativesDataset } from './datasets.server';
import { initiativeMedia } from './media.server';
import { removeOrphanMedia } from '#app/utils/stored-media.server';
import { sweepInitiatives } from './expire-initiatives.server';
import { initiativeDeadlineQueueName, initiativeNoticeQueueName } from './jobs';
import { processDeadlineJob, processNoticeJob } from './processors.server';

export const initiativesTool = {
  name: 'initiatives',
  datasets: [initiativesDataset],
  queues: [
    { name: initiativeDeadlineQueueName, concurrency: 2, process: processDeadlineJob },
    { name: initiativeNoticeQueueName, concurrency: 1, process: processNoticeJob },
  ],
  media: [initiativeMedia],
  sweepers: [
    { name: 'sweep-initiatives', every: env.SWEEP_EVERY_MS, run: () => sweepInitiatives() },
    { name: 'remove-orphan-initiative-photos', every: 3_600_000, run: () => removeOrphanMedia(initiativeMedia) },
  ],
  permissions: {
    'initiatives.moderate': { cityWide: ['moderator', 'admin'] },
    // The experts' answer or ballot; a project-scoped expert reviews only that project's ideas, not initiatives.
    'initiatives.review': { cityWide: ['expert', 'admin'] },
  },
  navigation: [
    { area: 'main', to: '/initiatives', label: 'nav.initiatives' },
    { area: 'staff', to: '/moderation/initiatives', label: 'nav.staffInitiatives', shownWhen: { action: 'initiatives.moderate' } },
  ],
} as const satisfies ToolManifest;
