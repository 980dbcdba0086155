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

/**
 * A whole amount with its currency code, digits grouped by threes with a no-break space ("1 250 000 RUB"): the same
 * text on the server and in any browser (Intl's currency formats differ between ICU versions, which would break hydration).
 */
export function formatAmount(amount: number, currency: string | null): string {
  const grouped = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return currency ? `${grouped}\u00a0${currency}` : grouped;
}
