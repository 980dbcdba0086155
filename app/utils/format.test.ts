import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDistance, formatDuration, timeLeft } from './format';

const hour = 3_600_000;
const minute = 60_000;

describe('a time span', () => {
  it('reads in Russian units, its two largest', () => {
    expect(formatDuration(6 * 24 * hour + 23 * hour + 5 * minute, 'ru')).toBe('6 дн. 23 ч');
    expect(formatDuration(11 * hour + 36 * minute, 'ru')).toBe('11 ч 36 мин');
    expect(formatDuration(-(11 * hour + 36 * minute), 'ru')).toBe('−11 ч 36 мин');
  });

  it('reads in English units', () => {
    expect(formatDuration(2 * 24 * hour + hour, 'en')).toBe('2 days 1 hr');
    expect(formatDuration(-(11 * hour + 36 * minute), 'en')).toBe('−11 hrs 36 mins');
  });

  it('is counted from the moment the loader gave', () => {
    expect(timeLeft('2026-03-01T12:00:00Z', 'ru', Date.parse('2026-03-01T10:30:00Z'))).toBe('1 ч 30 мин');
  });
});

describe('a distance', () => {
  it('is in metres under a kilometre, in kilometres above', () => {
    expect(formatDistance(13, 'ru')).toBe('13 м');
    expect(formatDistance(1250, 'ru')).toBe('1,3 км');
    expect(formatDistance(13, 'en')).toBe('13 m');
    expect(formatDistance(1250, 'en')).toBe('1.3 km');
  });
});

describe('a date', () => {
  it("is the moment's day in the city's zone", () => {
    // 22:30 UTC on 31 December is already 1 January in Moscow.
    expect(formatDate('2026-12-31T22:30:00Z', 'ru', 'Europe/Moscow')).toBe('1 янв. 2027 г.');
    expect(formatDate('2026-12-31T22:30:00Z', 'en', 'America/New_York')).toBe('31 Dec 2026');
  });

  it('is a calendar date as written, whatever the zone', () => {
    expect(formatDate('2026-05-01', 'ru', 'America/New_York')).toBe('1 мая 2026 г.');
    expect(formatDate('2026-05-01', 'en', 'Asia/Tokyo')).toBe('1 May 2026');
  });

  it('with its time, in the zone', () => {
    expect(formatDateTime('2026-12-06T13:40:00Z', 'ru', 'Europe/Moscow')).toBe('6 дек. 2026 г., 16:40');
    expect(formatDateTime('2026-12-06T13:40:00Z', 'en', 'Europe/Moscow')).toBe('6 Dec 2026, 16:40');
  });

  it('keeps each zone and language apart when the same moment is formatted again and again', () => {
    const moment = '2026-12-06T23:10:00Z';
    for (let i = 0; i < 2; i++) {
      expect(formatDateTime(moment, 'en', 'Europe/Moscow')).toBe('7 Dec 2026, 02:10');
      expect(formatDateTime(moment, 'en', 'Asia/Vladivostok')).toBe('7 Dec 2026, 09:10');
      expect(formatDateTime(moment, 'ru', 'America/New_York')).toBe('6 дек. 2026 г., 18:10');
      expect(formatDate(moment, 'en', 'America/New_York')).toBe('6 Dec 2026');
      expect(formatDate(moment, 'en', 'Europe/Moscow')).toBe('7 Dec 2026');
    }
  });

  it('reads an unreadable moment as "Invalid Date" rather than failing the page', () => {
    expect(formatDateTime('not a date', 'en', 'Europe/Moscow')).toBe('Invalid Date');
    expect(formatDate('not a date', 'ru', 'Europe/Moscow')).toBe('Invalid Date');
  });
});
