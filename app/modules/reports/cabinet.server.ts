// The Reports tool's part of the person's cabinet: their latest reports and how many they filed.
import { sql } from '#app/utils/db.server';
import type { CurrentUser } from '#app/modules/accounts/index.server';

type CabinetReport = { id: number; status: string; overdue: boolean; answerDueAt: string | null; categoryRu: string; categoryEn: string };

export async function reportsCabinet(user: CurrentUser) {
  const [reports, [counts]] = await Promise.all([
    sql<CabinetReport[]>`
      SELECT r.id::int AS id, r.status, r.overdue, r.answer_due_at AS "answerDueAt", c.name_ru AS "categoryRu", c.name_en AS "categoryEn"
      FROM reports r JOIN categories c ON c.id = r.category_id WHERE r.author_id = ${user.id} ORDER BY r.created_at DESC LIMIT 3`,
    sql<{ reports: number }[]>`SELECT count(*)::int AS reports FROM reports WHERE author_id = ${user.id}`,
  ]);
  return {
    reports: reports.map((r) => ({ ...r, answerDueAt: r.answerDueAt ? new Date(r.answerDueAt).toISOString() : null })),
    counts: { reports: counts!.reports },
  };
}
