// The tools of Vmeste. Shared code (the open-data catalogue, workers/index.ts, the permission check, the page header,
// the cabinet) reads this list and never a tool's internals; adding a tool is its import and its entry here
// (docs/adding-a-tool.md).
import { accountsTool } from './accounts/tool.server';
import { alertsTool } from './alerts/tool.server';
import { apiTool } from './api/tool.server';
import { auditTool } from './audit/tool.server';
import { centresTool } from './centres/tool.server';
import { cityTool } from './city/tool.server';
import { feedbackTool } from './feedback/tool.server';
import { healthTool } from './health/tool.server';
import { ideasTool } from './ideas/tool.server';
import { initiativesTool } from './initiatives/tool.server';
import type { CabinetSection, Dataset, NavigationEntry, QueueDeclaration, SweeperDeclaration, ToolManifest } from './manifest';
import { notificationsTool } from './notifications/tool.server';
import { reportsTool } from './reports/tool.server';
import { statsTool } from './stats/tool.server';
import { surveysTool } from './surveys/tool.server';
import { votesTool } from './votes/tool.server';
import type { MediaTable } from '#app/utils/stored-media.server';

/** In this order the catalogue lists datasets, the header lists links and the workers start queues. */
export const tools = [accountsTool, cityTool, notificationsTool, reportsTool, alertsTool, ideasTool, initiativesTool, votesTool, surveysTool, centresTool, feedbackTool, statsTool, auditTool, apiTool, healthTool] as const;

type Tool = (typeof tools)[number];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Every staff action of every tool, with the roles that may take it. */
// Through a type parameter, so the condition is asked of each tool alone: a tool without staff actions adds none.
type PermissionsOf<T> = T extends { permissions: infer P } ? P : never;
export type StaffActions = Intersection<PermissionsOf<Tool>>;

/** The operations page's figures: every tool's `stats.operations` counts together. */
type OperationsOf<T> = T extends { stats: { operations: () => Promise<infer F> } } ? F : never;
export type OperationsFigures = Intersection<OperationsOf<Tool>>;

/** The same list, each tool seen only as a manifest. */
export const manifests: readonly ToolManifest[] = tools;
// Two tools declaring the same action, queue, sweeper or dataset would silently shadow each other: stop at boot instead.
const declared = manifests.flatMap((tool) => [
  ...Object.keys(tool.permissions ?? {}).map((action) => `action ${action}`),
  ...(tool.queues ?? []).map((queue) => `queue ${queue.name}`),
  ...(tool.sweepers ?? []).map((sweeper) => `sweeper ${sweeper.name}`),
  ...(tool.datasets ?? []).map((dataset) => `dataset ${dataset.id}`),
]);
const twice = declared.filter((name, i) => declared.indexOf(name) !== i);
if (twice.length > 0) throw new Error(`registry: declared by two tools: ${twice.join(', ')}`);

export const staffActions = Object.assign({}, ...manifests.map((tool) => tool.permissions ?? {})) as StaffActions;
export const datasets: readonly Dataset[] = manifests.flatMap((tool) => tool.datasets ?? []);
export const queues: readonly QueueDeclaration[] = manifests.flatMap((tool) => tool.queues ?? []);
/** The shared queue the sweepers run on (workers/index.ts). */
export const maintenanceQueueName = 'maintenance';
/** Every queue's name: the tools' own and the maintenance queue (the queues dashboard in scripts/serve.mjs lists them). */
export const queueNames: readonly string[] = [...queues.map((queue) => queue.name), maintenanceQueueName];
export const sweepers: readonly SweeperDeclaration[] = manifests.flatMap((tool) => tool.sweepers ?? []);
export const mediaTables: readonly MediaTable[] = manifests.flatMap((tool) => tool.media ?? []);
export const navigation: readonly NavigationEntry[] = manifests.flatMap((tool) => tool.navigation ?? []);
export const cabinetSections: readonly CabinetSection[] = manifests.flatMap((tool) => (tool.cabinet ? [tool.cabinet] : []));
