import { describe, expect, it } from 'vitest';
import { nextStage, stageAllows, stages } from './stages';

describe('project stages', () => {
  it('take ideas only while collecting and supports until reviewing ends', () => {
    expect(stages.filter((s) => stageAllows(s, 'propose'))).toEqual(['collecting']);
    expect(stages.filter((s) => stageAllows(s, 'support'))).toEqual(['collecting', 'reviewing']);
    expect(stages.filter((s) => stageAllows(s, 'assess'))).toEqual(['reviewing']);
  });

  it('move one step forward and stop at done', () => {
    expect(nextStage('collecting')).toBe('reviewing');
    expect(nextStage('implementing')).toBe('done');
    expect(nextStage('done')).toBeNull();
  });
});
