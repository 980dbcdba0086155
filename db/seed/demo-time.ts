// The demo's randomness and its calendar: one seedable generator for every part of the seed, and when residents
// are active (more on weekdays than at weekends, more in the evening than at night, a little more each week as
// the platform catches on), so every dashboard has a shape over the last 90 days on the first run.
import { env } from '#app/utils/env.server';

export type Rng = () => number;

/** mulberry32: a small, fast, seedable generator; every fresh demo tells the same story. */
export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DAY = 86_400_000;
/** How far back the demo's activity goes. */
export const demoDays = 90;

const local = new Intl.DateTimeFormat('en-US', { timeZone: env.CITY_TIMEZONE, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
const weekdayWeight: Record<string, number> = { Mon: 1, Tue: 0.95, Wed: 0.9, Thu: 0.9, Fri: 0.8, Sat: 0.55, Sun: 0.5 };
// City-local hours 0–23: quiet at night, a morning bump, busiest in the evening.
const hourWeight = [0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.2, 0.45, 0.7, 0.75, 0.7, 0.65, 0.7, 0.7, 0.65, 0.65, 0.7, 0.8, 0.9, 1, 1, 0.9, 0.6, 0.25];

function localParts(at: Date): { weekday: string; hour: number } {
  const parts = local.formatToParts(at);
  return { weekday: parts.find((p) => p.type === 'weekday')!.value, hour: Number(parts.find((p) => p.type === 'hour')!.value) };
}

/** How busy the city is on the day of `at`, in (0, 1]: its weekday, and growth over the last 90 days. */
export function demandOn(at: Date, now = Date.now(), weekday = localParts(at).weekday): number {
  const age = Math.min(Math.max((now - at.getTime()) / DAY, 0), demoDays);
  return weekdayWeight[weekday]! * (1 - 0.45 * (age / demoDays));
}

/**
 * A moment between `from` and `to` (ms) when a resident might act, drawn from the demo's calendar: weekday, hour and
 * growth. Deterministic for a given generator; a window too short or too quiet falls back to a plain draw.
 */
export function activityAt(r: Rng, from: number, to: number, now = Date.now()): Date {
  const span = Math.max(to - from, 1);
  for (let attempt = 0; attempt < 40; attempt++) {
    const at = new Date(from + r() * span);
    const { weekday, hour } = localParts(at);
    if (r() < demandOn(at, now, weekday) * hourWeight[hour]!) return at;
  }
  return new Date(from + r() * span);
}
