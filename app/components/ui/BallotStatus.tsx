import { useT } from '#app/utils/use-app';
import { Badge, type Tone } from './Badge';

const tones: Record<string, Tone> = { draft: 'neutral', scheduled: 'info', open: 'success', closed: 'warning', published: 'neutral', planned: 'neutral', in_progress: 'info', done: 'success' };

/** A ballot's or a decision's status, shown with the one badge. */
export function BallotStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`votes.status.${status as 'open'}`)}</Badge>;
}
