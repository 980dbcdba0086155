import { describe, expect, it } from 'vitest';
import { cityDays, hoursOn, isOpenAt, slotsOn } from './hours';

// Weekdays 8–20, Saturday 10–16, Sunday closed, holidays 10–14.
const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00:00', closes: '20:00:00' })).concat([
  { weekday: 6, opens: '10:00:00', closes: '16:00:00' },
  { weekday: 0, opens: '10:00:00', closes: '14:00:00' },
]);
const holidays = new Set(['2027-01-01']);
const zone = 'Asia/Yekaterinburg'; // UTC+5 all year

describe('opening hours', () => {
  it('takes the weekday, the holiday row on a holiday, nothing on a closed day', () => {
    expect(hoursOn(hours, '2027-01-04', holidays)).toMatchObject({ opens: '08:00:00' }); // a Monday
    expect(hoursOn(hours, '2027-01-01', holidays)).toMatchObject({ opens: '10:00:00', closes: '14:00:00' }); // a Friday, but a holiday
    expect(hoursOn(hours, '2027-01-03', holidays)).toBeNull(); // a Sunday
  });

  it('is open now on the city clock, not the server one', () => {
    // 02:30 UTC on Monday 4 January is 07:30 in the city: not yet open; 03:00 UTC is 08:00: open.
    expect(isOpenAt(hours, new Date('2027-01-04T02:30:00Z'), zone, holidays)).toBe(false);
    expect(isOpenAt(hours, new Date('2027-01-04T03:00:00Z'), zone, holidays)).toBe(true);
    // 14:59 UTC is 19:59 in the city (open), 15:00 UTC is 20:00 (closed).
    expect(isOpenAt(hours, new Date('2027-01-04T14:59:00Z'), zone, holidays)).toBe(true);
    expect(isOpenAt(hours, new Date('2027-01-04T15:00:00Z'), zone, holidays)).toBe(false);
    // 20:00 UTC on Sunday 3 January is already 01:00 on Monday in the city.
    expect(isOpenAt(hours, new Date('2027-01-01T06:00:00Z'), zone, holidays)).toBe(true); // 11:00 on the holiday
  });

  it('cuts a day into slots that end by closing', () => {
    const saturday = slotsOn(hours, '2027-01-02', holidays, 45);
    expect(saturday[0]).toBe('2027-01-02T10:00');
    expect(saturday.at(-1)).toBe('2027-01-02T15:15'); // 15:15 + 45 min = 16:00
    expect(saturday).toHaveLength(8);
    expect(slotsOn(hours, '2027-01-03', holidays, 15)).toEqual([]);
  });

  it('counts the city days from its own midnight', () => {
    expect(cityDays(new Date('2027-01-03T20:00:00Z'), zone, 2)).toEqual(['2027-01-04', '2027-01-05']);
  });
});
