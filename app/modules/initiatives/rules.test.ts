import { describe, expect, it } from 'vitest';
import { parseThresholdRule, progress, reachedMilestone, thresholdFor } from './rules';

describe('initiative threshold', () => {
  it('reads a number or a share from the setting', () => {
    expect(parseThresholdRule('500')).toEqual({ kind: 'absolute', supports: 500 });
    expect(parseThresholdRule('1%')).toEqual({ kind: 'share', percent: 1 });
    expect(parseThresholdRule('0.5%')).toEqual({ kind: 'share', percent: 0.5 });
  });

  it('rounds a share up and needs at least one support', () => {
    expect(thresholdFor({ kind: 'share', percent: 1 }, 300)).toBe(3);
    expect(thresholdFor({ kind: 'share', percent: 1 }, 250)).toBe(3);
    expect(thresholdFor({ kind: 'share', percent: 1 }, 12_000)).toBe(120);
    expect(thresholdFor({ kind: 'share', percent: 0.5 }, 1001)).toBe(6);
    expect(thresholdFor({ kind: 'share', percent: 1 }, 0)).toBe(1);
    expect(thresholdFor({ kind: 'absolute', supports: 500 }, 3)).toBe(500);
  });

  it('names the milestone reached: a third, two thirds, all', () => {
    expect(reachedMilestone(0, 3)).toBe(0);
    expect(reachedMilestone(1, 3)).toBe(33);
    expect(reachedMilestone(2, 3)).toBe(66);
    expect(reachedMilestone(3, 3)).toBe(100);
    expect(reachedMilestone(32, 100)).toBe(0);
    expect(reachedMilestone(33, 100)).toBe(33);
    expect(reachedMilestone(65, 100)).toBe(33);
    expect(reachedMilestone(150, 100)).toBe(100);
  });

  it('gives the bar and the number still needed', () => {
    expect(progress(0, 120)).toEqual({ percent: 0, stillNeeded: 120 });
    expect(progress(119, 120)).toEqual({ percent: 99, stillNeeded: 1 });
    expect(progress(130, 120)).toEqual({ percent: 100, stillNeeded: 0 });
  });
});
