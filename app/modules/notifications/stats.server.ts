// The notifications tool's part of the operations page: the e-mail outbox's backlog.
import { sql } from '#app/utils/db.server';
import type { StatsDeclaration } from '#app/modules/manifest';

export const notificationsStats = {
  operations: async () => {
    const [counts] = await sql<{ outboxPending: number; outboxFailed: number }[]>`
      SELECT
        (SELECT count(*) FROM email_outbox WHERE status = 'pending')::int AS "outboxPending",
        (SELECT count(*) FROM email_outbox WHERE status = 'failed')::int AS "outboxFailed"`;
    return counts!;
  },
} satisfies StatsDeclaration;
