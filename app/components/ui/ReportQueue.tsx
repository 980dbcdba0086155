import { Link, useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import type { FieldErrors } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';

type QueueReport = { id: number; categoryRu: string; categoryEn: string };

/** A staff queue of reports (moderation, department, control desk): the same frame, each with its own actions. */
export function ReportQueue<R extends QueueReport>({
  title,
  errors,
  labels = {},
  ids,
  queue,
  filters,
  pager,
  children,
}: {
  title: string;
  errors: FieldErrors | undefined;
  labels?: Record<string, string>;
  ids?: Record<string, string | null>;
  queue: R[];
  filters?: ReactNode;
  pager?: ReactNode;
  children: (report: R) => ReactNode;
}) {
  const [params] = useSearchParams();
  const { t, locale } = useT();
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} ids={ids} />
      <h1>{title}</h1>
      {params.get('done') ? <p className="notice" role="status">{t('reports.done')}</p> : null}
      {filters}
      {queue.length === 0 ? <p className="empty-state">{t('reports.queueEmpty')}</p> : null}
      <ul className="list-plain">
        {queue.map((r) => (
          <li key={r.id}>
            <h2>
              <Link to={`/reports/${r.id}`}>{t('reports.number', { id: r.id })}</Link> — {locale === 'ru' ? r.categoryRu : r.categoryEn}
            </h2>
            {children(r)}
          </li>
        ))}
      </ul>
      {pager}
    </>
  );
}
