import { useT } from '#app/utils/use-app';
import { progress } from '#app/modules/initiatives/rules';
import { Badge, type Tone } from './Badge';

const tones: Record<string, Tone> = { pending: 'neutral', rejected: 'danger', collecting: 'info', review: 'warning', answered: 'success', voting: 'success', expired: 'neutral' };

/** An initiative's status, shown the same way on every page. */
export function InitiativeStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`initiatives.status.${status as 'collecting'}`)}</Badge>;
}

/** The supports collected against the threshold: a bar labelled in words, and the number still needed. */
export function InitiativeProgress({ id, supports, threshold }: { id: string; supports: number; threshold: number }) {
  const { t } = useT();
  const { percent, stillNeeded } = progress(supports, threshold);
  return (
    <div className="initiative-progress">
      <label htmlFor={id}>{t('initiatives.progressLabel')}: {t('initiatives.supports', { n: supports, threshold })}</label>
      <progress id={id} className="progress" max={100} value={percent}>{percent}%</progress>
      <p className="muted">{t('initiatives.stillNeeded', { n: stillNeeded })}</p>
    </div>
  );
}
