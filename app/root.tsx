import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useMatches } from '@remix-run/react';
import { useEffect, type ReactNode } from 'react';
import { can, getCurrentUser, hasRole, isStaff, type StaffAction } from '#app/modules/accounts/index.server';
import { countUnread } from '#app/modules/notifications/index.server';
import { navigation } from '#app/modules/registry.server';
import { ensureCsrfToken } from '#app/utils/csrf.server';
import { publicEnv } from '#app/utils/env.server';
import { getLocale } from '#app/utils/locale.server';
import type { MessageKey, ToolMessages } from '#app/utils/i18n';
import { useNonce } from '#app/utils/nonce';
import { usePageOutcome } from '#app/utils/page-outcome';
import { revalidateUnlessSettled } from '#app/utils/revalidation';
import { loadedLanguage, useRootData, useT, type RootData } from '#app/utils/use-app';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { useServiceWorker } from '#app/utils/service-worker';
import stylesheet from '#app/styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  // The installable app (ADR 049): its manifest and home-screen icon (scripts/build-sw.mjs makes the icons).
  { rel: 'manifest', href: '/manifest.webmanifest' },
  { rel: 'apple-touch-icon', href: '/icons/icon-192.png' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale, csrf] = await Promise.all([getCurrentUser(request), getLocale(request), ensureCsrfToken(request)]);
  const body: RootData = {
    locale,
    csrfToken: csrf.token,
    user: user
      ? {
          id: user.id,
          name: user.name,
          isStaff: isStaff(user),
          isAdmin: hasRole(user, 'admin'),
          // The staff links the tools declare (registry), those this person's permissions open.
          staffLinks: navigation
            .filter((entry) => entry.area === 'staff' && (!entry.shownWhen || can(user, entry.shownWhen.action as StaffAction, entry.shownWhen.target)))
            .map(({ to, label }) => ({ to, label })),
        }
      : null,
    mainLinks: navigation.filter((entry) => entry.area === 'main').map(({ to, label }) => ({ to, label })),
    unread: user ? await countUnread(user.id) : 0,
    env: publicEnv(),
  };
  return data(body, csrf.setCookie ? { headers: { 'Set-Cookie': csrf.setCookie } } : undefined);
}

/**
 * Pages name their title and the tools whose text they use: `handle = { title: MessageKey, messages: [reportsMessages] }`.
 * The text comes with the route's code, so a page loads its tools' text and no other's (useT reads it).
 */
// After an answer that changes nothing here (a cast's receipt), the root's data is not reloaded either.
export const shouldRevalidate = revalidateUnlessSettled;

export type PageHandle = { title?: MessageKey; messages?: readonly ToolMessages[] };

function usePageTitle(fallback: MessageKey): { title: string; meta: { name: string; content: string } | null } {
  const { t, has } = useT();
  const matches = useMatches();
  const { errorStatus, refused, meta } = usePageOutcome();
  const errorTitles: Record<number, MessageKey> = { 400: 'page.badRequest', 403: 'page.forbidden', 404: 'page.notFound', 413: 'page.tooLarge' };
  const errorKey: MessageKey | undefined = errorStatus ? (errorTitles[errorStatus] ?? 'page.error') : undefined;
  const key = errorKey ?? [...matches].reverse().map((m) => (m.handle as PageHandle | undefined)?.title).find(has) ?? fallback;
  const title = `${t(key)} — ${t('app.name')}`;
  // A form answered with field errors: the title starts with "Error:" (GOV.UK pattern).
  return { title: refused && !errorKey ? `${t('errors.title')}: ${title}` : title, meta };
}

/**
 * A page that answers one finished step and leads back (a cast's receipt without JavaScript) says `focused: true` in
 * its loader's data: the header then carries the skip link and the site's name, not the navigation twice over (ADR 071).
 */
function useFocusedPage(): boolean {
  return useMatches().some((match) => (match.data as { focused?: unknown } | null | undefined)?.focused === true);
}

function Header() {
  const { t } = useT();
  const focused = useFocusedPage();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          {t('app.name')}
        </Link>
        {focused ? null : <HeaderNavigation />}
      </div>
    </header>
  );
}

function HeaderNavigation() {
  const root = useRootData();
  const { t } = useT();
  const location = useLocation();
  const user = root?.user;
  return (
    <>
      {/* Wide screens show the links in the header; a phone folds them under a menu that opens without JavaScript. */}
      <div className="site-header__wide">
        <NavLists />
      </div>
      {/* Keyed by the location: the menu folds again once a link in it has been followed. */}
      <details className="site-menu" key={location.key}>
        <summary>
          <span aria-hidden="true">☰ </span>
          {t('nav.menu')}
          {user && root.unread > 0 ? (
            <span className="count-pill" aria-label={t('nav.unread', { count: root.unread })}>
              {root.unread}
            </span>
          ) : null}
        </summary>
        <div className="site-menu__panel">
          <NavLists />
        </div>
      </details>
    </>
  );
}

/** The main links and the person's own (cabinet, staff pages, sign out, language), shown in the header or its menu. */
function NavLists() {
  const root = useRootData();
  const { t, locale } = useT();
  const location = useLocation();
  const user = root?.user;
  return (
    <>
      <nav className="site-nav" aria-label={t('nav.main')}>
        <ul>
          {(root?.mainLinks ?? []).map((link) => (
            <li key={link.to}><NavLink to={link.to}>{t(link.label)}</NavLink></li>
          ))}
        </ul>
      </nav>
      <nav className="user-nav" aria-label={t('nav.cabinet')}>
        <ul>
          {user ? (
            <>
              <li><NavLink to="/me" end>{t('nav.cabinet')}</NavLink></li>
              <li>
                <NavLink to="/me/notifications">
                  {t('nav.notifications')}
                  {root.unread > 0 ? (
                    <span className="count-pill" aria-label={t('nav.unread', { count: root.unread })}>
                      {root.unread}
                    </span>
                  ) : null}
                </NavLink>
              </li>
              {user.staffLinks.map((link) => (
                <li key={link.to}><NavLink to={link.to}>{t(link.label)}</NavLink></li>
              ))}
              {user.isAdmin ? <li><NavLink to="/admin">{t('nav.admin')}</NavLink></li> : null}
              <li>
                <Form method="post" action="/sign-out" className="inline-form">
                  <CsrfInput />
                  <button type="submit" className="link-button">{t('nav.signOut')}</button>
                </Form>
              </li>
            </>
          ) : (
            <>
              <li><NavLink to="/sign-in">{t('nav.signIn')}</NavLink></li>
              <li><NavLink to="/register">{t('nav.register')}</NavLink></li>
            </>
          )}
          <li>
            <Form method="post" action="/lang" className="inline-form" reloadDocument>
              <CsrfInput />
              <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
              <input type="hidden" name="lang" value={locale === 'ru' ? 'en' : 'ru'} />
              <button type="submit" className="link-button" lang={locale === 'ru' ? 'en' : 'ru'} aria-label={`${t('lang.label')}: ${t('lang.switchTo')}`}>
                {t('lang.switchTo')}
              </button>
            </Form>
          </li>
        </ul>
      </nav>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale } = useT();
  const nonce = useNonce();
  const { title, meta } = usePageTitle('page.home');
  // The browser holds one language's text (vite/page-language.ts): another language is another page load.
  useEffect(() => {
    if (loadedLanguage && loadedLanguage !== locale) window.location.reload();
  }, [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d4ed8" />
        <title>{title}</title>
        {meta ? <meta name={meta.name} content={meta.content} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="site-footer__inner">
            {t('app.tagline')} · <Link to="/stats">{t('nav.stats')}</Link> · <Link to="/data">{t('nav.data')}</Link> · <Link to="/departments">{t('page.departments')}</Link>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page as hydrated: the end-to-end tests wait for it before judging what React logged.
  useEffect(() => {
    document.documentElement.dataset.hydrated = '';
  }, []);
  useServiceWorker(!!useRootData()?.user);
  return <Outlet />;
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
