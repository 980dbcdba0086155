import { sql } from '#app/utils/db.server';

export type OperationsFigures = {
  moderationWaiting: number;
  moderationOverdue: number;
  arbitration: number;
  answersOverdue: number;
  ideasUnmoderated: number;
  flagsOpen: number;
  outboxPending: number;
  outboxFailed: number;
  ballotsOpen: number;
  overdueByDepartment: { nameRu: string; nameEn: string; overdue: number; open: number }[];
};

/** What needs the staff's attention now: live counts over partial indexes, cheap however large the history. */
export async function operationsFigures(): Promise<OperationsFigures> {
  const [counts] = await sql<Omit<OperationsFigures, 'overdueByDepartment'>[]>`
    SELECT
      (SELECT count(*) FROM reports WHERE status = 'submitted')::int AS "moderationWaiting",
      (SELECT count(*) FROM reports WHERE status = 'submitted' AND moderation_due_at < now())::int AS "moderationOverdue",
      (SELECT count(*) FROM reports WHERE status = 'arbitration')::int AS arbitration,
      (SELECT count(*) FROM reports WHERE status = 'assigned' AND answer_due_at < now())::int AS "answersOverdue",
      (SELECT count(*) FROM ideas WHERE moderated_at IS NULL AND status = 'published')::int AS "ideasUnmoderated",
      (SELECT count(*) FROM abuse_flags WHERE resolved_at IS NULL)::int AS "flagsOpen",
      (SELECT count(*) FROM email_outbox WHERE status = 'pending')::int AS "outboxPending",
      (SELECT count(*) FROM email_outbox WHERE status = 'failed')::int AS "outboxFailed",
      (SELECT count(*) FROM ballots WHERE status = 'open')::int AS "ballotsOpen"`;
  const overdueByDepartment = await sql<OperationsFigures['overdueByDepartment']>`
    SELECT d.name_ru AS "nameRu", d.name_en AS "nameEn",
      count(*) FILTER (WHERE r.answer_due_at < now())::int AS overdue, count(*)::int AS open
    FROM reports r JOIN departments d ON d.id = r.department_id WHERE r.status = 'assigned'
    GROUP BY d.id ORDER BY overdue DESC, open DESC`;
  return { ...counts!, overdueByDepartment };
}
