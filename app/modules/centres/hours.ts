// Opening hours in the city's time (client-safe, pure): which hours a day has, whether a centre is open at a moment,
// and the slots of a day. A calendar holiday takes the holiday hours (weekday 0), or none: closed.
import { DateTime } from 'luxon';
import type { HourDay } from './schemas';

export type OpeningHours = { weekday: HourDay | number; opens: string; closes: string };

/** The hours that apply on a city day (YYYY-MM-DD): the holiday row on a holiday, else the weekday's; null: closed. */
export function hoursOn(hours: readonly OpeningHours[], day: string, holidays: ReadonlySet<string>): OpeningHours | null {
  const weekday = holidays.has(day) ? 0 : DateTime.fromISO(day).weekday;
  return hours.find((h) => h.weekday === weekday) ?? null;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether the centre is open at `now`, read on the city's clock. */
export function isOpenAt(hours: readonly OpeningHours[], now: Date, timeZone: string, holidays: ReadonlySet<string>): boolean {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const today = hoursOn(hours, local.toISODate()!, holidays);
  if (!today) return false;
  const at = local.hour * 60 + local.minute;
  return at >= minutes(today.opens) && at < minutes(today.closes);
}

/** The slot starts of a day, as wall-clock times ("YYYY-MM-DDTHH:mm"): every `slotMinutes` from opening, the last ending by closing. */
export function slotsOn(hours: readonly OpeningHours[], day: string, holidays: ReadonlySet<string>, slotMinutes: number): string[] {
  const open = hoursOn(hours, day, holidays);
  if (!open) return [];
  const slots: string[] = [];
  for (let at = minutes(open.opens); at + slotMinutes <= minutes(open.closes); at += slotMinutes) {
    slots.push(`${day}T${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`);
  }
  return slots;
}

/** "08:00" from Postgres's "08:00:00". */
export const shortTime = (time: string) => time.slice(0, 5);

/** The city's today and the following days, as YYYY-MM-DD. */
export function cityDays(now: Date, timeZone: string, count: number): string[] {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return Array.from({ length: count }, (_, i) => today.plus({ days: i }).toISODate()!);
}
