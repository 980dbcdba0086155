// The arithmetic of an initiative's threshold and progress. Pure, so pages (the bar, the number still needed) and
// use-cases (the final word, inside their transaction) read the same rules.

/** The city's rule: a fixed number of supports, or a share (in %) of the verified residents of the scope. */
export type ThresholdRule = { kind: 'absolute'; supports: number } | { kind: 'share'; percent: number };

/** "500" → 500 supports; "1%" or "0.5%" → that share. The environment's schema has already checked the shape. */
export function parseThresholdRule(text: string): ThresholdRule {
  return text.endsWith('%') ? { kind: 'share', percent: Number(text.slice(0, -1)) } : { kind: 'absolute', supports: Number(text) };
}

/** Supports needed: a share is rounded up (1 % of 250 residents is 3), and never fewer than one. */
export function thresholdFor(rule: ThresholdRule, eligibleResidents: number): number {
  if (rule.kind === 'absolute') return Math.max(1, rule.supports);
  // Integer arithmetic in thousandths of a percent, so 1 % of 300 is exactly 3, not 3.0000000000000004 → 4.
  const thousandths = Math.round(rule.percent * 1000);
  return Math.max(1, Math.ceil((eligibleResidents * thousandths) / 100_000));
}

/** The progress notices: a third, two thirds, the threshold. */
export const milestones = [33, 66, 100] as const;
export type Milestone = (typeof milestones)[number];

/** The highest milestone `supports` has reached of `threshold` (0 for none). 33 % of 3 is 1 support (0.99 → 1). */
export function reachedMilestone(supports: number, threshold: number): Milestone | 0 {
  let reached: Milestone | 0 = 0;
  for (const m of milestones) if (supports * 100 >= m * threshold) reached = m;
  return reached;
}

/** For the bar: whole percent, at most 100; and how many supports are still needed. */
export function progress(supports: number, threshold: number): { percent: number; stillNeeded: number } {
  return { percent: Math.min(100, Math.floor((supports * 100) / threshold)), stillNeeded: Math.max(0, threshold - supports) };
}
