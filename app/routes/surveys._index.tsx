import { Link, useLoaderData } from '@remix-run/react';
import { listPublishedSurveys } from '#app/modules/surveys/queries.server';
import { useDateTime, useT } from '#app/utils/use-app';
import { surveysMessages } from '#app/modules/surveys/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'nav.surveys', messages: [surveysMessages] } satisfies PageHandle;

export async function loader() {
  return listPublishedSurveys();
}

export default function Surveys() {
  const dateTime = useDateTime();
  const { open, coming, closed } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  return (
    <>
      <h1>{t('surveys.title')}</h1>
      <p className="lead">{t('surveys.intro')}</p>
      <h2>{t('surveys.open')}</h2>
      {open.length === 0 ? <p className="empty-state">{t('surveys.none')}</p> : null}
      <ul className="list-plain">
        {open.map((s) => (
          <li key={s.id} className="card">
            <h3><Link to={`/surveys/${s.id}`}>{text(s.titleRu, s.titleEn)}</Link></h3>
            <p className="muted">{t('surveys.closes', { at: dateTime(s.closesAt!) })} · {t('surveys.answersSoFar', { n: s.answers })}</p>
            <p>{s.anonymous ? t('surveys.anonymousNote') : t('surveys.identifiedNote')}</p>
          </li>
        ))}
      </ul>
      {coming.length ? (
        <>
          <h2>{t('surveys.coming')}</h2>
          <ul>
            {coming.map((s) => (
              <li key={s.id}><Link to={`/surveys/${s.id}`}>{text(s.titleRu, s.titleEn)}</Link> — {t('surveys.opens', { at: dateTime(s.opensAt!) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {closed.length ? (
        <>
          <h2>{t('surveys.closed')}</h2>
          <ul>
            {closed.map((s) => (
              <li key={s.id}><Link to={`/surveys/${s.id}`}>{text(s.titleRu, s.titleEn)}</Link> — {t('surveys.answersSoFar', { n: s.answers })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
