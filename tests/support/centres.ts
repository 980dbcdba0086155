import { DateTime } from 'luxon';
import { env } from '#app/utils/env.server';

/** Opening hours of a test centre open round the clock: its 15-minute grid's last slot of a day starts at 23:30. */
export const allDayHours = '00:00-23:45';

/**
 * The next booking slot of a centre open `allDayHours`, at least a minute ahead, in city time: after 23:30 it is the
 * next day's first, so a run at any hour books a slot that exists.
 */
export function nextSlot(): string {
  const now = DateTime.now().setZone(env.CITY_TIMEZONE).plus({ minutes: 1 });
  const next = now.startOf('hour').plus({ minutes: Math.ceil((now.minute + now.second / 60) / 15) * 15 });
  return (next.hour === 23 && next.minute === 45 ? next.plus({ minutes: 15 }) : next).toFormat("yyyy-MM-dd'T'HH:mm");
}
