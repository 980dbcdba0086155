// The Stats tool's manifest: the pre-aggregated dashboards and their refresh (ADR 011, ADR 037).
import { env } from '#app/utils/env.server';
import type { ToolManifest } from '#app/modules/manifest';
import { participationChannelsDataset } from './datasets.server';
import { refreshStatsOf } from './refresh-stats.server';

export const statsTool = {
  name: 'stats',
  datasets: [participationChannelsDataset],
  sweepers: [{ name: 'refresh-stats', every: env.STATS_EVERY_MS, run: (tools) => refreshStatsOf(tools) }],
  permissions: {
    // Counts of what waits (no one's data): any staff member.
    'stats.read': { cityWide: ['admin', 'moderator', 'arbiter', 'expert'], scoped: ['department', 'moderator', 'expert'] },
  },
} as const satisfies ToolManifest;
