import { and, eq, sql } from 'drizzle-orm';
import { ideaSupports, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { onTheWeb, type Participation } from '#app/utils/participation.server';
import { inAudience, lockIdea, shareProject } from './locks.server';
import { stageAllows } from './stages';

/**
 * Support an idea, or withdraw the support. The primary key (idea, person) keeps it to one; the counter moves
 * only when a row was really inserted or deleted, in the same transaction, so it stays exact under any number
 * of simultaneous clicks. Asking twice for the same thing changes nothing.
 */
export async function supportIdea(
  userId: string,
  ideaId: number,
  intent: 'support' | 'withdraw',
  participation: Participation = onTheWeb,
): Promise<Result<{ supported: boolean; supportCount: number }>> {
  return db.transaction(async (tx) => {
    const idea = await lockIdea(tx, ideaId);
    if (!idea || (idea.status !== 'published' && idea.status !== 'shortlisted')) return { ok: false, errors: { form: 'ideas.cannotSupport' } };
    const project = await shareProject(tx, idea.projectId);
    if (!project || !stageAllows(project.stage, 'support')) return { ok: false, errors: { form: 'ideas.stageNoSupports' } };
    // Withdrawing is always possible; a new support only from the project's audience.
    if (intent === 'support' && !(await inAudience(tx, idea.projectId, userId))) return { ok: false, errors: { form: 'ideas.outsideAudience' } };
    let delta = 0;
    if (intent === 'support') {
      const added = await tx.insert(ideaSupports).values({ ideaId, userId, channel: participation.channel }).onConflictDoNothing().returning({ userId: ideaSupports.userId });
      delta = added.length;
      if (delta) await participation.alongside?.(tx, String(ideaId));
    } else {
      const removed = await tx.delete(ideaSupports).where(and(eq(ideaSupports.ideaId, ideaId), eq(ideaSupports.userId, userId))).returning({ userId: ideaSupports.userId });
      delta = -removed.length;
    }
    let supportCount = idea.supportCount;
    if (delta) {
      const [row] = await tx.update(ideas).set({ supportCount: sql`${ideas.supportCount} + ${delta}` }).where(eq(ideas.id, ideaId)).returning({ supportCount: ideas.supportCount });
      supportCount = row!.supportCount;
    }
    return { ok: true, value: { supported: intent === 'support', supportCount } };
  });
}
