// The stats tool's public face: the counted figures, their refresh and the operations page's counts.
import { manifests } from '#app/modules/registry.server';
import { refreshStatsOf } from './refresh-stats.server';

export { dailyKpis, dailyMetrics, statsCountedAt, type DailyMetric, type DayRow } from './queries.server';
export { operationsFigures, type OperationsFigures } from './operations.server';

/** Recounts the figures now, from every registered tool's declarations (the worker does it every few minutes). */
export function refreshStats(days?: number) {
  return refreshStatsOf(manifests, days);
}
