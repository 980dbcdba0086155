import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ideaComments, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { notify } from '#app/modules/notifications/index.server';
import { lockIdea, shareProject } from './locks.server';
import type { commentSchema } from './schemas';
import { stageAllows } from './stages';

/**
 * A comment on an idea, or a reply to a top-level comment (one level: a reply to a reply is refused).
 * The author of the comment replied to is told, unless they replied to themselves.
 */
export async function commentOnIdea(authorId: string, ideaId: number, input: z.output<typeof commentSchema>): Promise<Result<{ commentId: number }>> {
  return db.transaction(async (tx) => {
    const idea = await lockIdea(tx, ideaId);
    if (!idea || idea.status === 'hidden' || idea.status === 'merged') return { ok: false, errors: { body: 'ideas.cannotComment' } };
    const project = await shareProject(tx, idea.projectId);
    if (!project || !stageAllows(project.stage, 'comment')) return { ok: false, errors: { body: 'ideas.stageNoComments' } };
    let parentAuthor: string | null = null;
    if (input.parentId) {
      const [parent] = await tx.select().from(ideaComments).where(eq(ideaComments.id, input.parentId));
      if (!parent || parent.ideaId !== ideaId || parent.hiddenAt) return { ok: false, errors: { body: 'ideas.replyMissing' } };
      if (parent.parentId !== null) return { ok: false, errors: { body: 'ideas.replyDepth' } };
      parentAuthor = parent.authorId;
    }
    const [comment] = await tx.insert(ideaComments).values({ ideaId, authorId, parentId: input.parentId ?? null, body: input.body }).returning({ id: ideaComments.id });
    await tx.update(ideas).set({ commentCount: sql`${ideas.commentCount} + 1` }).where(eq(ideas.id, ideaId));
    if (parentAuthor && parentAuthor !== authorId) {
      await notify(tx, { userId: parentAuthor, kind: 'ideas.notice.reply', params: { title: idea.title }, link: `/ideas/${ideaId}#comment-${comment!.id}` });
    }
    return { ok: true, value: { commentId: comment!.id } };
  });
}
