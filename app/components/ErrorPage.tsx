import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useReportError } from '#app/utils/page-outcome';
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
  useReportError(status);
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
    // A query string refused by searchParamsOf names each parameter with its message.
    const fields = isRouteErrorResponse(error) ? queryFields(error.data) : null;
    return (
      <>
        <h1>{t('page.badRequest')}</h1>
        {fields ? (
          <>
            <p>{t('badRequest.query')}</p>
            <ul>{fields.map(([name, message]) => <li key={name}><code>{name}</code>: {message}</li>)}</ul>
          </>
        ) : (
          <p>{t('badRequest.text')}</p>
        )}
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

function queryFields(data: unknown): [string, string][] | null {
  if (typeof data !== 'object' || data === null || !('fields' in data) || typeof data.fields !== 'object' || data.fields === null) return null;
  const fields = Object.entries(data.fields).filter((e): e is [string, string] => typeof e[1] === 'string');
  return fields.length ? fields : null;
}
