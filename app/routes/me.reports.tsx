import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { listReports } from '#app/modules/reports/queries.server';
import { ReportStatus } from '#app/components/ui/ReportStatus';
import { useDateTime, useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.myReports', messages: [reportsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { reports: (await listReports({ authorId: user.id, limit: 200 })).map(({ authorId: _a, ...r }) => r) };
}

export default function MyReports() {
  const dateTime = useDateTime();
  const { reports } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <>
      <h1>{t('page.myReports')}</h1>
      <p><Link to="/reports/new" className="button">{t('reports.new')}</Link></p>
      {reports.length === 0 ? <p className="empty-state">{t('reports.mineEmpty')}</p> : null}
      <ul className="list-plain">
        {reports.map((r) => (
          <li key={r.id}>
            <Link to={`/reports/${r.id}`}>{t('reports.number', { id: r.id })}</Link> — {locale === 'ru' ? r.categoryRu : r.categoryEn}{' '}
            <ReportStatus status={r.status} overdue={r.overdue} />
            <br />
            <span className="muted">
              {r.address} · {dateTime(r.createdAt)}
              {r.status === 'assigned' && r.answerDueAt ? ` · ${t('reports.answerDue', { date: dateTime(r.answerDueAt) })}` : ''}
              {r.status === 'submitted' ? ` · ${t('reports.moderationDue', { date: dateTime(r.moderationDueAt) })}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
