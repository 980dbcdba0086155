// The Votes tool's part of the person's cabinet: what they can still vote in, what they voted in, their points.
import { sql } from '#app/utils/db.server';
import type { CurrentUser } from '#app/modules/accounts/index.server';
import { ballotsFor, myBallots } from './queries.server';

export async function votesCabinet(user: CurrentUser) {
  const [[counts], open, voted] = await Promise.all([
    sql<{ ballotsVoted: number; points: number }[]>`
      SELECT (SELECT count(*) FROM ballot_participations WHERE user_id = ${user.id})::int AS "ballotsVoted",
             (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE user_id = ${user.id})::int AS points`,
    ballotsFor(user, ['open']),
    myBallots(user.id, 3),
  ]);
  const openBallots = open
    .filter((b) => !b.voted && !b.why)
    .map((b) => ({ id: b.id, titleRu: b.titleRu, titleEn: b.titleEn, closesAt: new Date(b.closesAt!).toISOString() }));
  return { points: counts!.points, openBallots, votedBallots: voted.map(({ closesAt: _c, ...b }) => b), counts: { ballotsVoted: counts!.ballotsVoted } };
}
