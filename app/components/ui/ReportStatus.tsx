import { useT } from '#app/utils/use-app';
import { Badge, type Tone } from './Badge';

const tones: Record<string, Tone> = { submitted: 'neutral', rejected: 'danger', arbitration: 'warning', assigned: 'info', answered: 'success', closed: 'success' };

/** A report's status (and the public "overdue" flag), shown the same way on every page. */
export function ReportStatus({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useT();
  return (
    <>
      <Badge tone={tones[status] ?? 'neutral'}>{t(`reportStatus.${status as 'submitted'}`)}</Badge>
      {overdue ? <> <Badge tone="danger">{t('reports.overdue')}</Badge></> : null}
    </>
  );
}
