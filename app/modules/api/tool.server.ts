// The API tool's manifest: the read-only JSON API and its keys (ADR 037).
import type { ToolManifest } from '#app/modules/manifest';

export const apiTool = {
  name: 'api',
  permissions: { 'api-keys.manage': { cityWide: ['admin'] } },
} as const satisfies ToolManifest;
