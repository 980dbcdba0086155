// The Feedback tool's manifest: residents' ratings of answers (ADR 037).
import type { ToolManifest } from '#app/modules/manifest';
import { centreDailyDataset, satisfactionIndexDataset } from './datasets.server';
import { feedbackStats } from './stats.server';

export const feedbackTool = {
  name: 'feedback',
  permissions: {
    // Officers: their departments' report ratings only; consultants: their centre's visit ratings only (ADR 057).
    'feedback.read': { cityWide: ['admin', 'moderator', 'arbiter'], scoped: ['department', 'consultant'] },
  },
  datasets: [satisfactionIndexDataset, centreDailyDataset],
  stats: feedbackStats,
} as const satisfies ToolManifest;
