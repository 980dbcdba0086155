// The City tool's manifest: districts, departments, categories and the working-day calendar (ADR 037).
import type { ToolManifest } from '#app/modules/manifest';

export const cityTool = {
  name: 'city',
  permissions: { 'city.configure': { cityWide: ['admin'] } },
} as const satisfies ToolManifest;
