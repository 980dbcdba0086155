import { useLoaderData } from '@remix-run/react';
import { listCategories } from '#app/modules/city/queries.server';
import { localName } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';

export const handle = { title: 'nav.reports' };

export async function loader() {
  return { categories: await listCategories() };
}

export default function Reports() {
  const { categories } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const groups = new Map<string, typeof categories>();
  for (const c of categories) {
    const group = locale === 'ru' ? c.groupRu : c.groupEn;
    groups.set(group, [...(groups.get(group) ?? []), c]);
  }
  return (
    <>
      <h1>{t('nav.reports')}</h1>
      <p className="lead">{t('home.reportsText')}</p>
      <div className="empty-state">
        <p>{t('tool.reports.empty')}</p>
        {[...groups].map(([group, items]) => (
          <section key={group}>
            <h2>{group}</h2>
            <ul>
              {items.map((c) => (
                <li key={c.id}>{localName(locale, c)}</li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
