import { describe, expect, it } from 'vitest';
import { instantToWallClock, wallClockToInstant } from './time-zone';

// Expected instants are the published offsets of each zone on each day (tz database), written out by hand.
describe('wall-clock times in a city with daylight saving time', () => {
  it('reads a summer and a winter time in New York with their own offsets', () => {
    expect(wallClockToInstant('2027-07-01T09:00', 'America/New_York')?.toISOString()).toBe('2027-07-01T13:00:00.000Z'); // EDT, UTC−4
    expect(wallClockToInstant('2027-12-01T09:00', 'America/New_York')?.toISOString()).toBe('2027-12-01T14:00:00.000Z'); // EST, UTC−5
  });

  it('refuses a time the clocks skip when they go forward', () => {
    // Berlin, 28 March 2027: 02:00 CET becomes 03:00 CEST, so 02:30 never happens.
    expect(wallClockToInstant('2027-03-28T02:30', 'Europe/Berlin')).toBeNull();
    expect(wallClockToInstant('2027-03-28T01:59', 'Europe/Berlin')?.toISOString()).toBe('2027-03-28T00:59:00.000Z');
    expect(wallClockToInstant('2027-03-28T03:00', 'Europe/Berlin')?.toISOString()).toBe('2027-03-28T01:00:00.000Z');
  });

  it('takes the first of a time that happens twice when the clocks go back', () => {
    // Berlin, 31 October 2027: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
    expect(wallClockToInstant('2027-10-31T02:30', 'Europe/Berlin')?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
    // New York, 7 November 2027: 01:30 EDT (05:30Z), then 01:30 EST (06:30Z).
    expect(wallClockToInstant('2027-11-07T01:30', 'America/New_York')?.toISOString()).toBe('2027-11-07T05:30:00.000Z');
  });

  it('keeps Moscow at UTC+3 all year', () => {
    expect(wallClockToInstant('2027-01-15T12:00', 'Europe/Moscow')?.toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(wallClockToInstant('2027-07-15T12:00', 'Europe/Moscow')?.toISOString()).toBe('2027-07-15T09:00:00.000Z');
  });

  it('refuses what is not a real date or not in the datetime-local shape', () => {
    for (const bad of ['2027-02-30T10:00', '2027-13-01T10:00', '2027-01-01T24:30', '2027-01-01 10:00', '2027-01-01T10:00:00', '']) {
      expect(wallClockToInstant(bad, 'Europe/Berlin'), bad).toBeNull();
    }
  });

  it('shows an instant as the city’s wall-clock time, both sides of each change', () => {
    expect(instantToWallClock(new Date('2027-03-28T00:59:00Z'), 'Europe/Berlin')).toBe('2027-03-28T01:59');
    expect(instantToWallClock(new Date('2027-03-28T01:00:00Z'), 'Europe/Berlin')).toBe('2027-03-28T03:00');
    expect(instantToWallClock(new Date('2027-10-31T00:30:00Z'), 'Europe/Berlin')).toBe('2027-10-31T02:30');
    expect(instantToWallClock(new Date('2027-10-31T01:30:00Z'), 'Europe/Berlin')).toBe('2027-10-31T02:30');
    expect(instantToWallClock(new Date('2027-07-01T13:00:00Z'), 'America/New_York')).toBe('2027-07-01T09:00');
  });
});
