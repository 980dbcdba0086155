import { useT } from '#app/utils/use-app';
import { Badge, type Tone } from './Badge';

const ideaTones: Record<string, Tone> = { published: 'neutral', hidden: 'danger', merged: 'neutral', shortlisted: 'info', accepted: 'success', rejected: 'warning' };
const stageTones: Record<string, Tone> = { collecting: 'info', reviewing: 'warning', voting: 'info', results: 'success', implementing: 'success', done: 'neutral' };

/** An idea's status, shown the same way on every page. */
export function IdeaStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Badge tone={ideaTones[status] ?? 'neutral'}>{t(`ideas.status.${status as 'published'}`)}</Badge>;
}

/** A project's stage. */
export function ProjectStage({ stage }: { stage: string }) {
  const { t } = useT();
  return <Badge tone={stageTones[stage] ?? 'neutral'}>{t(`ideas.stage.${stage as 'collecting'}`)}</Badge>;
}
