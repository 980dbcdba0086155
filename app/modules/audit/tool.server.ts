// The Audit tool's manifest: the append-only log of what staff did (ADR 003, ADR 037).
import type { ToolManifest } from '#app/modules/manifest';

export const auditTool = {
  name: 'audit',
  permissions: { 'audit.read': { cityWide: ['admin'] } },
} as const satisfies ToolManifest;
