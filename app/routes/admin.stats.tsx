import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { operationsFigures } from '#app/modules/stats/operations.server';
import { useT } from '#app/utils/use-app';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { statsMessages } from '#app/modules/stats/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminStats', messages: [feedbackMessages, statsMessages] } satisfies PageHandle;

/** The staff's view: what waits for them now. The public figures are on /stats. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'stats.read', 'some');
  return operationsFigures();
}

export default function AdminStats() {
  const f = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const tiles: [string, number, string?][] = [
    [t('ops.moderationWaiting'), f.moderationWaiting, '/moderation/reports'],
    [t('ops.moderationOverdue'), f.moderationOverdue, '/moderation/reports'],
    [t('ops.arbitration'), f.arbitration, '/control-desk'],
    [t('ops.answersOverdue'), f.answersOverdue],
    [t('ops.ideasUnmoderated'), f.ideasUnmoderated],
    [t('ops.flagsOpen'), f.flagsOpen],
    [t('ops.ballotsOpen'), f.ballotsOpen],
    [t('ops.outboxPending'), f.outboxPending, '/admin/outbox'],
    [t('ops.outboxFailed'), f.outboxFailed, '/admin/outbox'],
  ];
  return (
    <>
      <h1>{t('page.adminStats')}</h1>
      <p className="lead">
        {t('ops.intro')} <Link to="/stats">{t('page.stats')}</Link>
      </p>
      <dl className="tiles">
        {tiles.map(([label, value, to]) => (
          <div key={label} className="tile">
            <dt>{to ? <Link to={to}>{label}</Link> : label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('ops.byDepartment')}</h2>
      {f.overdueByDepartment.length === 0 ? (
        <p className="empty-state">{t('ops.noOpen')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('feedback.col.department')}</th>
                <th scope="col">{t('ops.open')}</th>
                <th scope="col">{t('ops.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {f.overdueByDepartment.map((d) => (
                <tr key={d.nameEn}>
                  <th scope="row">{locale === 'ru' ? d.nameRu : d.nameEn}</th>
                  <td>{d.open}</td>
                  <td>{d.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
