import { sql } from '#app/utils/db.server';
import type { CurrentUser } from '#app/modules/accounts/sessions.server';
import { ballotsFor, myBallots } from '#app/modules/votes/index.server';

export type CabinetSummary = {
  reports: { id: number; status: string; overdue: boolean; answerDueAt: string | null; categoryRu: string; categoryEn: string }[];
  ideas: { id: number; title: string; status: string; supports: number; comments: number }[];
  counts: { reports: number; ideas: number; comments: number; supports: number; ballotsVoted: number; unread: number };
  points: number;
  openBallots: { id: number; titleRu: string; titleEn: string; closesAt: string }[];
  votedBallots: { id: number; titleRu: string; titleEn: string; status: string }[];
};

/** The cabinet's first screen: the person's latest reports and ideas, what they can still vote in, their points. */
export async function cabinetSummary(user: CurrentUser): Promise<CabinetSummary> {
  const [reports, ideas, [counts], open, voted] = await Promise.all([
    sql<CabinetSummary['reports']>`
      SELECT r.id::int AS id, r.status, r.overdue, r.answer_due_at AS "answerDueAt", c.name_ru AS "categoryRu", c.name_en AS "categoryEn"
      FROM reports r JOIN categories c ON c.id = r.category_id WHERE r.author_id = ${user.id} ORDER BY r.created_at DESC LIMIT 3`,
    sql<CabinetSummary['ideas']>`
      SELECT id::int AS id, title, status, support_count AS supports, comment_count AS comments FROM ideas WHERE author_id = ${user.id} ORDER BY created_at DESC LIMIT 3`,
    sql<(CabinetSummary['counts'] & { points: number })[]>`
      SELECT (SELECT count(*) FROM reports WHERE author_id = ${user.id})::int AS reports,
             (SELECT count(*) FROM ideas WHERE author_id = ${user.id})::int AS ideas,
             (SELECT count(*) FROM idea_comments WHERE author_id = ${user.id})::int AS comments,
             (SELECT count(*) FROM idea_supports WHERE user_id = ${user.id})::int AS supports,
             (SELECT count(*) FROM ballot_participations WHERE user_id = ${user.id})::int AS "ballotsVoted",
             (SELECT count(*) FROM notifications WHERE user_id = ${user.id} AND read_at IS NULL)::int AS unread,
             (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE user_id = ${user.id})::int AS points`,
    ballotsFor(user, ['open']),
    myBallots(user.id, 3),
  ]);
  const openBallots = open
    .filter((b) => !b.voted && !b.why)
    .map((b) => ({ id: b.id, titleRu: b.titleRu, titleEn: b.titleEn, closesAt: new Date(b.closesAt!).toISOString() }));
  const { points, ...rest } = counts!;
  return { reports: reports.map((r) => ({ ...r, answerDueAt: r.answerDueAt ? new Date(r.answerDueAt).toISOString() : null })), ideas: [...ideas], counts: rest, points, openBallots, votedBallots: voted.map(({ closesAt: _c, ...b }) => b) };
}
