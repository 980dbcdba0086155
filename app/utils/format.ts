import type { Locale } from './i18n';

/** A date and time in the reader's language, in a time zone (the city's: pages take it from `useDateTime()`). */
export function formatDateTime(value: Date | string, locale: Locale, timeZone: string): string {
  return new Date(value).toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 d 4 h" or "-2 h" left until a moment. */
export function timeLeft(until: Date | string, now = Date.now()): string {
  const ms = new Date(until).getTime() - now;
  const sign = ms < 0 ? '−' : '';
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const minutes = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
  return hours >= 24 ? `${sign}${Math.floor(hours / 24)} d ${hours % 24} h` : `${sign}${hours} h ${minutes} min`;
}
