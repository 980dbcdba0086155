// The Accounts tool's manifest: people, their roles and sessions, and how long their data is kept (ADR 037).
import type { ToolManifest } from '#app/modules/manifest';
import { applyRetention } from './retention.server';

export const accountsTool = {
  name: 'accounts',
  sweepers: [{ name: 'apply-retention', every: 3_600_000, run: applyRetention }],
  permissions: {
    'accounts.grant-role': { cityWide: ['admin'] },
    'accounts.verify-resident': { cityWide: ['admin'] },
    'accounts.block': { cityWide: ['admin'] },
  },
} as const satisfies ToolManifest;
