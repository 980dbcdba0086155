// The Health tool's manifest: readiness checks and the queues dashboard (ADR 034, ADR 037).
import type { ToolManifest } from '#app/modules/manifest';

export const healthTool = {
  name: 'health',
  permissions: { 'queues.read': { cityWide: ['admin'] } },
} as const satisfies ToolManifest;
