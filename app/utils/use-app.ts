import { useRouteLoaderData } from '@remix-run/react';
import { formatDateTime } from './format';
import { translator, type Locale, type MessageKey } from './i18n';

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

/** The translate function for the page's language. */
export function useT() {
  const locale = useRootData()?.locale ?? 'ru';
  return { t: translator(locale), locale };
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
