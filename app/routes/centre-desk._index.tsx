import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission, scopeOf } from '#app/modules/accounts/permissions.server';
import { listCentres } from '#app/modules/centres/queries.server';
import { centresMessages } from '#app/modules/centres/messages';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.centreDesks', messages: [centresMessages] } satisfies PageHandle;

/** The desks a person serves at: a consultant's one centre straight away, an admin's choice of all. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'centres.serve', 'some');
  const scope = scopeOf(user, 'centres.serve', 'centreId');
  const centres = (await listCentres()).filter((c) => scope === 'all' || scope.includes(c.id));
  if (centres.length === 1) throw redirect(`/centre-desk/${centres[0]!.id}`);
  return { centres: centres.map((c) => ({ id: c.id, nameRu: c.nameRu, nameEn: c.nameEn })) };
}

export default function CentreDesks() {
  const { centres } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <>
      <h1>{t('page.centreDesks')}</h1>
      <h2>{t('assist.yourCentres')}</h2>
      <ul>
        {centres.map((c) => (
          <li key={c.id}>
            <Link to={`/centre-desk/${c.id}`}>{locale === 'ru' ? c.nameRu : c.nameEn}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
