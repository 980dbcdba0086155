// How a date, a time span and a distance read, one format per kind, in the reader's language (Intl, which Node and
// every browser have). Dates and times are shown in the city's time zone: pages take it from useDates().
import type { Locale } from './i18n';

const tag = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** A moment as a date and time ("6 дек. 2026 г., 16:43", "6 Dec 2026, 16:43") in a time zone. */
export function formatDateTime(value: Date | string, locale: Locale, timeZone: string): string {
  return dateFormat(locale, timeZone, 'short', new Date(value));
}

// Building an Intl.DateTimeFormat is what costs (toLocaleString builds one per call: 5 % of a ballot page's render
// time, bench:votes' profile); one per language, zone and style, kept for the process's life (a handful of each).
// The date is always in the medium style; the time, short or left out.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, timeZone: string, timeStyle: 'short' | undefined, date: Date): string {
  // As toLocaleString: an invalid date reads "Invalid Date" (format() would throw).
  if (Number.isNaN(date.getTime())) return String(date);
  const id = `${locale} ${timeZone} ${timeStyle ?? ''}`;
  let format = dateFormats.get(id);
  if (!format) dateFormats.set(id, (format = new Intl.DateTimeFormat(tag(locale), { timeZone, dateStyle: 'medium', timeStyle })));
  return format.format(date);
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day ("6 дек. 2026 г.", "6 Dec 2026"): a moment's day in a time zone, or a calendar date ("2026-12-06", a date
 * column such as a stage's end or a decision's due date) as it is, whatever the zone.
 */
export function formatDate(value: Date | string, locale: Locale, timeZone: string): string {
  const day = typeof value === 'string' && calendarDate.test(value);
  return dateFormat(locale, day ? 'UTC' : timeZone, undefined, new Date(day ? `${value}T00:00:00Z` : value));
}

const unitFormats = new Map<string, Intl.NumberFormat>();
function unit(locale: Locale, name: 'day' | 'hour' | 'minute' | 'meter' | 'kilometer', value: number): string {
  const id = `${locale} ${name}`;
  let format = unitFormats.get(id);
  if (!format) unitFormats.set(id, (format = new Intl.NumberFormat(tag(locale), { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 1 })));
  return format.format(value);
}

/** A span of time to the minute, its two largest units: "6 дн. 23 ч", "11 ч 36 мин", "6 days 23 hr"; negative with "−". */
export function formatDuration(ms: number, locale: Locale): string {
  const sign = ms < 0 ? '−' : '';
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts = days > 0 ? [unit(locale, 'day', days), unit(locale, 'hour', hours)] : [unit(locale, 'hour', hours), unit(locale, 'minute', minutes % 60)];
  return sign + parts.join(' ');
}

/** The time left until a moment, from `now` (the loader's, so the server's render and the browser's agree). */
export function timeLeft(until: Date | string, locale: Locale, now: number): string {
  return formatDuration(new Date(until).getTime() - now, locale);
}

/** A distance on the ground: "13 м", "1,3 км", "13 m", "1.3 km". */
export function formatDistance(metres: number, locale: Locale): string {
  return metres < 1000 ? unit(locale, 'meter', Math.round(metres)) : unit(locale, 'kilometer', metres / 1000);
}

/**
 * A whole amount with its currency code, digits grouped by threes with a no-break space ("1 250 000 RUB"): the same
 * text on the server and in any browser (Intl's currency formats differ between ICU versions, which would break hydration).
 */
export function formatAmount(amount: number, currency: string | null): string {
  const grouped = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return currency ? `${grouped}\u00a0${currency}` : grouped;
}
