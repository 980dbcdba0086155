import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { districtChoices, listInitiatives } from '#app/modules/initiatives/queries.server';
import { initiativeFilters, listQuerySchema } from '#app/modules/initiatives/schemas';
import { InitiativeProgress, InitiativeStatus } from '#app/components/ui/InitiativeStatus';
import { SelectField } from '#app/components/forms/Field';
import { env } from '#app/utils/env.server';
import { useDateTime, useT } from '#app/utils/use-app';
import { initiativesMessages } from '#app/modules/initiatives/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.initiatives', messages: [initiativesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const query = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [items, districts] = await Promise.all([listInitiatives(query.status, query.district), districtChoices()]);
  return { items, districts, query, days: env.INITIATIVE_SUPPORT_DAYS };
}

export default function Initiatives() {
  const { items, districts, query, days } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const dateTime = useDateTime();
  const name = (d: { nameRu: string; nameEn: string }) => (locale === 'ru' ? d.nameRu : d.nameEn);
  return (
    <>
      <h1>{t('page.initiatives')}</h1>
      <p>{t('initiatives.intro', { days })}</p>
      <p><Link to="/initiatives/new" className="button">{t('initiatives.start')}</Link></p>
      <Form method="get" className="form filters">
        <SelectField name="status" label={t('initiatives.filter')} defaultValue={query.status} options={initiativeFilters.map((f) => ({ value: f, label: t(`initiatives.filter.${f}`) }))} />
        <SelectField name="district" label={t('initiatives.district')} defaultValue={query.district ? String(query.district) : ''} options={[{ value: '', label: t('initiatives.allDistricts') }, ...districts.map((d) => ({ value: String(d.id), label: name(d) }))]} />
        <button type="submit" className="button button--secondary">{t('initiatives.filter')}</button>
      </Form>
      {items.length === 0 ? <p className="empty-state">{t('initiatives.none')}</p> : null}
      <ul className="list-plain">
        {items.map((i) => (
          <li key={i.id} className="card">
            <h2><Link to={`/initiatives/${i.id}`}>{i.title}</Link></h2>
            <p><InitiativeStatus status={i.status} /> · {i.districtId ? name({ nameRu: i.districtRu!, nameEn: i.districtEn! }) : t('initiatives.wholeCity')}</p>
            <InitiativeProgress id={`progress-${i.id}`} supports={i.supportCount} threshold={i.threshold} />
            <p className="muted">{t(i.status === 'collecting' ? 'initiatives.collectsUntil' : 'initiatives.collectedUntil', { date: dateTime(i.collectsUntil) })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
