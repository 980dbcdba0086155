import { useRouteLoaderData } from '@remix-run/react';
import { formatDateTime } from './format';
import { coreMessages, translatorOf, type Locale, type MessageKey, type Messages, type Translate } from './i18n';

export type RootData = {
  locale: Locale;
  csrfToken: string;
  user: { id: string; name: string; isStaff: boolean; isAdmin: boolean; canModerate: boolean; canAnswer: boolean; canArbitrate: boolean } | null;
  unread: number;
  /** The tools' text this page uses, in its language (the core's is in the bundle). */
  messages: Messages;
  env: { MAP_TILE_URL: string; OIDC_NAME: string | null; CITY_TIMEZONE: string };
};

/** The root loader's data (language, CSRF token, who is signed in), available on every page. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData('root') as RootData | undefined;
}

type PageText = { t: Translate; has: (value: unknown) => value is MessageKey };
// One merged dictionary per root loader answer, not one per component that asks.
const pageTexts = new WeakMap<Messages, PageText>();
const noToolText: Record<Locale, Messages> = { en: {}, ru: {} };

/** The translate function for the page's language, and `has` to tell a key this page was sent. */
export function useT() {
  const root = useRootData();
  const locale = root?.locale ?? 'ru';
  const sent = root?.messages ?? noToolText[locale];
  let text = pageTexts.get(sent);
  if (!text) {
    const messages: Messages = { ...coreMessages[locale], ...sent };
    text = { t: translatorOf(locale, messages), has: (value): value is MessageKey => typeof value === 'string' && Object.hasOwn(messages, value) };
    pageTexts.set(sent, text);
  }
  return { t: text.t, has: text.has, locale };
}

/**
 * Formats a moment as a date and time in the page's language and the city's time zone (sent by the root loader), so
 * the server's render and the browser's hydration agree whatever zone either runs in.
 */
export function useDateTime() {
  const root = useRootData();
  const locale = root?.locale ?? 'ru';
  const timeZone = root?.env.CITY_TIMEZONE ?? 'UTC';
  return (value: Date | string) => formatDateTime(value, locale, timeZone);
}
