import { useLoaderData } from '@remix-run/react';
import { datasets, licence } from '#app/modules/opendata/datasets.server';
import { useDateTime, useT } from '#app/utils/use-app';
import { apiMessages } from '#app/modules/api/messages';
import { opendataMessages } from '#app/modules/opendata/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.data', messages: [apiMessages, opendataMessages] } satisfies PageHandle;

export async function loader() {
  return {
    licence,
    datasets: await Promise.all(datasets.map(async (d) => ({ id: d.id, title: d.title, description: d.description, resources: d.resources, ...(await d.state()) }))),
  };
}

export default function DataCatalogue() {
  const dateTime = useDateTime();
  const { datasets: list, licence: lic } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <>
      <h1>{t('page.data')}</h1>
      <p className="lead">{t('data.intro')}</p>
      <p>
        <a href="/data/catalog.json">{t('data.catalogJson')}</a> · <a href="/open311/v2/discovery.json">Open311 GeoReport v2</a> · <a href="/api/v1/docs">{t('page.apiDocs')}</a>
      </p>
      <ul className="list-plain">
        {list.map((d) => (
          <li key={d.id}>
            <h2>{d.title[locale]}</h2>
            <p>{d.description[locale]}</p>
            <p className="muted">
              {t('data.rows', { n: d.rows })} · {t('data.updated')}: {dateTime(d.updated)} · {t('data.licence')}: <a href={lic.path}>{lic.title}</a>
            </p>
            <p>
              {d.resources.map((r) => (
                <span key={r.name}>
                  <a href={`/data/${d.id}/${r.path}`} download>{r.format.toUpperCase()}<span className="visually-hidden"> — {d.title[locale]}</span></a>{' · '}
                </span>
              ))}
              <a href={`/data/${d.id}/datapackage.json`}>datapackage.json<span className="visually-hidden"> — {d.title[locale]}</span></a>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
