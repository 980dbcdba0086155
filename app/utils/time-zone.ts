import { DateTime } from 'luxon';

/** The shape a datetime-local field sends: a wall-clock date and time to the minute, without a zone. */
export const wallClockPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const wallClockFormat = "yyyy-MM-dd'T'HH:mm";

/**
 * The instant a wall-clock time in `timeZone` names, or null when the clocks never show it there (the hour skipped
 * when they go forward) or it is not a real date. Where the clocks go back and the time happens twice, the first
 * one (as iCalendar and Temporal's "compatible" read it).
 */
export function wallClockToInstant(local: string, timeZone: string): Date | null {
  if (!wallClockPattern.test(local)) return null;
  const candidates = DateTime.fromISO(local, { zone: timeZone })
    .getPossibleOffsets()
    .filter((d) => d.toFormat(wallClockFormat) === local)
    .map((d) => d.toMillis());
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

/** An instant as the wall-clock time in `timeZone`, as a datetime-local field takes it. */
export function instantToWallClock(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat(wallClockFormat);
}
