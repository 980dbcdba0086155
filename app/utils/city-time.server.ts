// The city's clock on the server (ADR 035): routes show and prefill times through these, never with a zone of their own.
import { env } from './env.server';
import { formatDateTime } from './format';
import type { Locale } from './i18n';
import { instantToWallClock } from './time-zone';

/** A moment as a datetime-local value in the city's time ('' for none), to prefill a form. */
export function cityWallClock(value: Date | null): string {
  return value ? instantToWallClock(value, env.CITY_TIMEZONE) : '';
}

/** A moment as a date and time in the city's time, in the page's language. */
export function formatCityDateTime(value: Date | string, locale: Locale): string {
  return formatDateTime(value, locale, env.CITY_TIMEZONE);
}
