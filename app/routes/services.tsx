import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listServices } from '#app/modules/centres/queries.server';
import { lifeSituations } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.services', messages: [centresMessages] } satisfies PageHandle;

export async function loader(_: LoaderFunctionArgs) {
  return { services: await listServices() };
}

export default function Services() {
  const { services } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  const groups = lifeSituations.map((situation) => ({ situation, services: services.filter((s) => s.situation === situation) })).filter((g) => g.services.length > 0);
  return (
    <>
      <h1>{t('page.services')}</h1>
      <p>{t('services.intro')}</p>
      {groups.length === 0 ? <p className="empty-state">{t('services.none')}</p> : null}
      {groups.length > 1 ? (
        <nav aria-label={t('services.situations')}>
          <ul className="list-inline">
            {groups.map((g) => (
              <li key={g.situation}>
                <a href={`#${g.situation}`}>{t(`services.situation.${g.situation}`)}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {groups.map((g) => (
        <section key={g.situation} aria-labelledby={g.situation}>
          <h2 id={g.situation}>{t(`services.situation.${g.situation}`)}</h2>
          {g.services.map((s) => (
            <article key={s.id} className="card" id={`service-${s.code}`}>
              <h3>{ru ? s.nameRu : s.nameEn}</h3>
              <p>{ru ? s.descriptionRu : s.descriptionEn}</p>
              <p>{t('services.duration', { minutes: s.durationMinutes })}</p>
              <h4>{t('services.bring')}</h4>
              <ul>
                {(ru ? s.documentsRu : s.documentsEn).map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
              <h4>{t('services.where')}</h4>
              {s.centres.length === 0 ? (
                <p>{t('services.nowhere')}</p>
              ) : (
                <ul>
                  {s.centres.map((c) => (
                    <li key={c.id}>
                      <Link to={`/centres/${c.id}?service=${s.id}`}>{ru ? c.nameRu : c.nameEn}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
        </section>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
