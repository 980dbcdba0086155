// The Ideas tool's part of the person's cabinet: their latest ideas, and how many ideas, comments and supports are theirs.
import { sql } from '#app/utils/db.server';
import type { CurrentUser } from '#app/modules/accounts/index.server';

type CabinetIdea = { id: number; title: string; status: string; supports: number; comments: number };

export async function ideasCabinet(user: CurrentUser) {
  const [ideas, [counts]] = await Promise.all([
    sql<CabinetIdea[]>`
      SELECT id::int AS id, title, status, support_count AS supports, comment_count AS comments FROM ideas WHERE author_id = ${user.id} ORDER BY created_at DESC LIMIT 3`,
    sql<{ ideas: number; comments: number; supports: number }[]>`
      SELECT (SELECT count(*) FROM ideas WHERE author_id = ${user.id})::int AS ideas,
             (SELECT count(*) FROM idea_comments WHERE author_id = ${user.id})::int AS comments,
             (SELECT count(*) FROM idea_supports WHERE user_id = ${user.id})::int AS supports`,
  ]);
  return { ideas: [...ideas], counts: counts! };
}
