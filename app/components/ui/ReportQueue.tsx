import { Link, useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { PinSketch } from '#app/components/ui/PinSketch';
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
  empty,
  children,
}: {
  title: string;
  errors: FieldErrors | undefined;
  labels?: Record<string, string>;
  ids?: Record<string, string | null>;
  queue: R[];
  filters?: ReactNode;
  pager?: ReactNode;
  /** What an empty queue says, when not "nothing is waiting" (filters that match nothing). */
  empty?: string;
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
      {queue.length === 0 ? <p className="empty-state">{empty ?? t('reports.queueEmpty')}</p> : null}
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

type MediaReport = { id: number; lat: number; lng: number; districtId: number | null; districtRu: string | null; districtEn: string | null; address: string; photoIds: number[] };
type Outline = Parameters<typeof PinSketch>[0]['outline'];

/** What a staff member looks at before acting: the resident's photos (each opens full size) and where the pin is. */
export function QueueReportMedia({ report, outline }: { report: MediaReport; outline: Outline }) {
  const { t, locale } = useT();
  const district = locale === 'ru' ? report.districtRu : report.districtEn;
  return (
    <div className="report-media">
      {report.photoIds.map((photoId, i) => (
        <a key={photoId} href={`/media/report-photos/${photoId}`}>
          <img src={`/media/report-photos/${photoId}`} alt={t('reports.photoOf', { n: i + 1, id: report.id })} width={120} height={90} loading="lazy" data-testid="report-thumbnail" />
        </a>
      ))}
      <PinSketch outline={outline} lat={report.lat} lng={report.lng} districtId={report.districtId} place={district ?? t('reports.outsideDistrict')} />
    </div>
  );
}
