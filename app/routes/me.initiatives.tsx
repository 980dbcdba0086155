import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { myInitiatives, type MyInitiative } from '#app/modules/initiatives/queries.server';
import { InitiativeProgress, InitiativeStatus } from '#app/components/ui/InitiativeStatus';
import { useDateTime, useT } from '#app/utils/use-app';
import { initiativesMessages } from '#app/modules/initiatives/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.myInitiatives', messages: [initiativesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return myInitiatives(user.id);
}

/** The person's initiatives: those they started (their status, even before a moderator has checked them) and those they support. */
export default function MyInitiatives() {
  const { started, supported } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t('page.myInitiatives')}</h1>
      <p><Link to="/initiatives/new">{t('initiatives.startOne')}</Link> · <Link to="/initiatives">{t('initiatives.browseOpen')}</Link></p>
      <h2>{t('initiatives.mineStarted', { n: started.length })}</h2>
      {started.length === 0 ? <p className="empty-state">{t('initiatives.mineStartedEmpty')}</p> : <InitiativeList list="started" rows={started} />}
      <h2>{t('initiatives.mineSupported', { n: supported.length })}</h2>
      {supported.length === 0 ? <p className="empty-state">{t('initiatives.mineSupportedEmpty')}</p> : <InitiativeList list="supported" rows={supported} />}
    </>
  );
}

function InitiativeList({ list, rows }: { list: string; rows: MyInitiative[] }) {
  const { t } = useT();
  const dateTime = useDateTime();
  return (
    <ul className="list-plain">
      {rows.map((i) => (
        <li key={i.id} className="card">
          <Link to={`/initiatives/${i.id}`}>{i.title}</Link> <InitiativeStatus status={i.status} />
          {i.threshold !== null ? <InitiativeProgress id={`${list}-progress-${i.id}`} supports={i.supportCount} threshold={i.threshold} /> : null}
          {i.status === 'collecting' && i.collectsUntil ? <p className="muted">{t('initiatives.collectsUntil', { date: dateTime(i.collectsUntil) })}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
