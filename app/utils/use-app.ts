import { useMatches, useRouteLoaderData } from '@remix-run/react';
import { formatDate, formatDateTime, formatDistance, timeLeft } from './format';
import { coreMessages, translatorOf, type Locale, type MessageKey, type Messages, type ToolMessages, type Translate } from './i18n';

/** A header link: where it goes and the message that names it. */
export type NavLinkData = { to: string; label: MessageKey };

export type RootData = {
  locale: Locale;
  csrfToken: string;
  user: { id: string; name: string; isStaff: boolean; isAdmin: boolean; staffLinks: NavLinkData[] } | null;
  /** The header's links for everyone, as the tools declare them in the registry. */
  mainLinks: NavLinkData[];
  unread: number;
  env: { MAP_TILE_URL: string; OIDC_NAME: string | null; CITY_TIMEZONE: string };
};

/** The root loader's data (language, CSRF token, who is signed in), available on every page. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData('root') as RootData | undefined;
}

type PageText = { t: Translate; has: (value: unknown) => value is MessageKey };
// One merged dictionary per language and set of tools, not one per component that asks.
const pageTexts = new Map<string, PageText>();

/**
 * The browser has the text of the language the page was loaded in (vite/page-language.ts); a page whose language
 * changed without a reload (a sign-in into an account set to the other one) reloads (app/root.tsx), and until then
 * shows the text it has rather than bare keys.
 */
export const loadedLanguage: string | null = typeof document === 'undefined' ? null : document.documentElement.lang;

function inLanguage(text: Partial<Record<Locale, Messages>>, locale: Locale): Messages {
  const own = text[locale];
  if (own && Object.keys(own).length > 0) return own;
  return Object.values(text).find((value): value is Messages => !!value && typeof value === 'object' && Object.keys(value).length > 0) ?? {};
}

/** The translate function for the page's language over the core's text and its routes' tools' (handle.messages). */
export function useT() {
  const locale = useRootData()?.locale ?? 'ru';
  const tools = useMatches().flatMap((match) => (match.handle as { messages?: readonly ToolMessages[] } | undefined)?.messages ?? []);
  const id = [locale, ...tools.map((tool) => tool.name)].join(' ');
  let text = pageTexts.get(id);
  if (!text) {
    const messages: Messages = Object.assign({}, inLanguage(coreMessages, locale), ...tools.map((tool) => inLanguage(tool, locale)));
    text = { t: translatorOf(locale, messages), has: (value): value is MessageKey => typeof value === 'string' && Object.hasOwn(messages, value) };
    pageTexts.set(id, text);
  }
  return { t: text.t, has: text.has, locale };
}

/**
 * The page's formats, one per kind, in its language and the city's time zone (sent by the root loader), so the
 * server's render and the browser's hydration agree whatever zone either runs in: a date and time, a date, the time
 * left until a moment (from the loader's `now`), a distance.
 */
export function useFormat() {
  const root = useRootData();
  const locale = root?.locale ?? 'ru';
  const timeZone = root?.env.CITY_TIMEZONE ?? 'UTC';
  return {
    dateTime: (value: Date | string) => formatDateTime(value, locale, timeZone),
    date: (value: Date | string) => formatDate(value, locale, timeZone),
    timeLeft: (until: Date | string, now: number) => timeLeft(until, locale, now),
    distance: (metres: number) => formatDistance(metres, locale),
  };
}

/** A moment as a date and time in the page's language and the city's time zone. */
export function useDateTime() {
  return useFormat().dateTime;
}
