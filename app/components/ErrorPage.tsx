import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useT } from '#app/utils/use-app';

/**
 * The friendly error page (400, 403, 404, 413, anything else). Routes with an action export it as their ErrorBoundary
 * too: an action's error stops at the nearest boundary, and only loaders above it run, so the root's
 * (language, header) must be above it.
 */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 403) {
    const csrf = isRouteErrorResponse(error) && error.statusText === 'csrf';
    return (
      <>
        <h1>{t('page.forbidden')}</h1>
        <p>{csrf ? t('errors.csrf') : t('forbidden.text')}</p>
        <p><Link to="/">{t('error.home')}</Link></p>
      </>
    );
  }
  if (status === 400) {
    return (
      <>
        <h1>{t('page.badRequest')}</h1>
        <p>{t('badRequest.text')}</p>
        <p><Link to="/">{t('error.home')}</Link></p>
      </>
    );
  }
  if (status === 413) {
    return (
      <>
        <h1>{t('page.tooLarge')}</h1>
        <p>{t('tooLarge.text')}</p>
        <p><Link to="/">{t('error.home')}</Link></p>
      </>
    );
  }
  if (status === 404) {
    return (
      <>
        <h1>{t('page.notFound')}</h1>
        <p>{t('notFound.text')}</p>
        <p><Link to="/">{t('error.home')}</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>{t('page.error')}</h1>
      <p>{t('error.text')}</p>
      <p><Link to="/">{t('error.home')}</Link></p>
    </>
  );
}
