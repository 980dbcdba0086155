// The Reports tool's manifest: problems on a map, routed to departments, answered within deadlines (ADR 037).
import { env } from '#app/utils/env.server';
import type { ToolManifest } from '#app/modules/manifest';
import { reportsStats } from './stats.server';
import { reportsCabinet } from './cabinet.server';
import { departmentPerformance, reportsDataset } from './datasets.server';
import { deadlineQueueName, routingQueueName } from './jobs';
import { removeOrphanPhotos } from './photo-store.server';
import { processDeadlineJob, processRoutingJob, sweepReports } from './processors.server';

export const reportsTool = {
  name: 'reports',
  datasets: [reportsDataset, departmentPerformance],
  queues: [
    { name: deadlineQueueName, concurrency: 4, process: processDeadlineJob },
    { name: routingQueueName, concurrency: 2, process: processRoutingJob },
  ],
  sweepers: [
    { name: 'sweep-reports', every: env.SWEEP_EVERY_MS, run: sweepReports },
    // Photos in the media store that no row points at (an upload whose report was never written): hourly.
    { name: 'remove-orphan-photos', every: 3_600_000, run: () => removeOrphanPhotos() },
  ],
  permissions: {
    'reports.moderate': { cityWide: ['moderator', 'admin'] },
    'reports.arbitrate': { cityWide: ['arbiter', 'admin'] },
    // An officer acts only on reports of the departments in their grants.
    'reports.answer': { cityWide: [], scoped: ['department'] },
  },
  cabinet: reportsCabinet,
  navigation: [
    { area: 'main', to: '/reports', label: 'nav.reports' },
    { area: 'staff', to: '/moderation/reports', label: 'nav.staffModeration', shownWhen: { action: 'reports.moderate' } },
    { area: 'staff', to: '/department/reports', label: 'nav.staffDepartment', shownWhen: { action: 'reports.answer', target: 'some' } },
    { area: 'staff', to: '/control-desk', label: 'nav.staffControlDesk', shownWhen: { action: 'reports.arbitrate' } },
  ],
  stats: reportsStats,
} as const satisfies ToolManifest;
