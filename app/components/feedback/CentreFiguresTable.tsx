import type { CentreFigures } from '#app/modules/feedback/satisfaction-index.server';
import { useT } from '#app/utils/use-app';

/** Each centre's visits and tickets served, average wait, ratings, missed visits and average service time: the same table on /admin/feedback and /stats. */
export function CentreFiguresTable({ centres, testId }: { centres: readonly CentreFigures[]; testId?: string }) {
  const { t, locale } = useT();
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('feedback.col.centre')}</th>
          <th scope="col">{t('feedback.col.visits')}</th>
          <th scope="col">{t('feedback.col.tickets')}</th>
          <th scope="col">{t('feedback.col.wait')}</th>
          <th scope="col">{t('feedback.col.ratings')}</th>
          <th scope="col">{t('feedback.col.average')}</th>
          <th scope="col">{t('feedback.col.noShows')}</th>
          <th scope="col">{t('feedback.col.serviceTime')}</th>
        </tr>
      </thead>
      <tbody>
        {centres.map((c) => (
          <tr key={c.id}>
            <th scope="row">{locale === 'ru' ? c.nameRu : c.nameEn}</th>
            <td>{c.visitsServed}</td>
            <td>{c.ticketsServed}</td>
            <td>{c.averageWaitMinutes === null ? '—' : c.averageWaitMinutes.toFixed(1)}</td>
            <td>{c.ratings}</td>
            <td>{c.average === null ? '—' : c.average.toFixed(2)}</td>
            <td>{c.noShows}</td>
            <td>{c.averageServiceMinutes === null ? '—' : c.averageServiceMinutes.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
