// The Feedback tool's manifest: residents' ratings of answers (ADR 037).
import type { ToolManifest } from '#app/modules/manifest';

export const feedbackTool = {
  name: 'feedback',
  permissions: {
    // Officers: their departments' report ratings only.
    'feedback.read': { cityWide: ['admin', 'moderator', 'arbiter'], scoped: ['department'] },
  },
} as const satisfies ToolManifest;
