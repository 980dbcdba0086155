import { manifests, type OperationsFigures } from '#app/modules/registry.server';

export type { OperationsFigures } from '#app/modules/registry.server';

/** What needs the staff's attention now: each tool's live counts (its manifest's `stats.operations`), together. */
export async function operationsFigures(): Promise<OperationsFigures> {
  const parts = await Promise.all(manifests.map((tool) => tool.stats?.operations?.() ?? {}));
  return Object.assign({}, ...parts) as OperationsFigures;
}
