import { describe, expect, it } from 'vitest';
import { addWorkingDays, localDate } from './working-days';

const tz = 'Europe/Moscow';
const none = new Set<string>();

describe('addWorkingDays', () => {
  it('counts 8 working days from a Monday as the Wednesday of the next week but one', () => {
    const monday = new Date('2026-11-02T09:00:00+03:00');
    expect(addWorkingDays(monday, 8, none, tz).toISOString()).toBe(new Date('2026-11-12T09:00:00+03:00').toISOString());
  });

  it('skips the weekend: Friday afternoon plus one working day is Monday afternoon', () => {
    const friday = new Date('2026-11-06T15:30:00+03:00');
    expect(addWorkingDays(friday, 1, none, tz).toISOString()).toBe(new Date('2026-11-09T15:30:00+03:00').toISOString());
  });

  it('skips holidays from the city calendar', () => {
    const friday = new Date('2026-11-06T10:00:00+03:00');
    const deadline = addWorkingDays(friday, 1, new Set(['2026-11-09']), tz);
    expect(localDate(deadline, tz)).toBe('2026-11-10');
  });

  it('uses the city time zone for the starting date', () => {
    // 22:30 UTC on Friday is already Saturday in Moscow, so one working day lands on Monday there.
    const lateFriday = new Date('2026-11-06T22:30:00Z');
    expect(localDate(addWorkingDays(lateFriday, 1, none, tz), tz)).toBe('2026-11-09');
  });

  it('refuses a negative number of days', () => {
    expect(() => addWorkingDays(new Date(), -1, none, tz)).toThrow(RangeError);
  });
});
