import { Link, useLoaderData } from '@remix-run/react';
import { cityFigures } from '#app/modules/city/queries.server';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.home', messages: [] } satisfies PageHandle;

export async function loader() {
  return { figures: await cityFigures() };
}

export default function Home() {
  const { figures } = useLoaderData<typeof loader>();
  const { t } = useT();
  const tools = [
    { to: '/ideas', name: t('nav.ideas'), text: t('home.ideasText') },
    { to: '/votes', name: t('nav.votes'), text: t('home.votesText') },
    { to: '/reports', name: t('nav.reports'), text: t('home.reportsText') },
  ];
  return (
    <>
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      <ul className="cards">
        {tools.map((tool) => (
          <li className="card" key={tool.to}>
            <h2>{tool.name}</h2>
            <p>{tool.text}</p>
            <Link to={tool.to}>{t('home.go', { tool: tool.name })}</Link>
          </li>
        ))}
      </ul>
      <h2>{t('home.cityFigures')}</h2>
      <ul className="figures">
        <li><strong>{figures.districts}</strong> {t('home.districts')}</li>
        <li><strong>{figures.departments}</strong> {t('home.departments')}</li>
        <li><strong>{figures.categories}</strong> {t('home.categories')}</li>
      </ul>
    </>
  );
}
