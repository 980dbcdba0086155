import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { abuseFlags, ideaComments, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import type { flagSchema } from './schemas';

/** "Report abuse" on an idea or one of its comments; a second report by the same person while one is open is a no-op. */
export async function flagAbuse(reporterId: string, ideaId: number, input: z.output<typeof flagSchema>): Promise<Result<null>> {
  const [idea] = await db.select({ id: ideas.id, status: ideas.status }).from(ideas).where(eq(ideas.id, ideaId));
  if (!idea || idea.status === 'merged') return { ok: false, errors: { reason: 'errors.invalid' } };
  if (input.commentId) {
    const [comment] = await db.select({ ideaId: ideaComments.ideaId }).from(ideaComments).where(eq(ideaComments.id, input.commentId));
    if (!comment || comment.ideaId !== ideaId) return { ok: false, errors: { reason: 'errors.invalid' } };
  }
  await db
    .insert(abuseFlags)
    .values(input.commentId ? { commentId: input.commentId, reporterId, reason: input.reason } : { ideaId, reporterId, reason: input.reason })
    .onConflictDoNothing();
  return { ok: true, value: null };
}
