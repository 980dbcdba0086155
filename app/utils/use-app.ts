import { useRouteLoaderData } from '@remix-run/react';
import { translator, type Locale } from './i18n';

export type RootData = {
  locale: Locale;
  csrfToken: string;
  user: { id: string; name: string; isStaff: boolean; isAdmin: boolean; canModerate: boolean; canAnswer: boolean; canArbitrate: boolean } | null;
  unread: number;
  env: { MAP_TILE_URL: string; OIDC_NAME: string | null };
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
