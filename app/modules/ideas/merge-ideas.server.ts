import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ideaComments, ideaCredits, ideaSupports, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { shareProject } from './locks.server';
import { forbiddenProject, type Moderator } from './moderate-idea.server';
import type { mergeSchema } from './schemas';
import { stageAllows } from './stages';

/**
 * Merges duplicates into one surviving idea, in one transaction with every idea involved locked (in id order, so
 * two merges cannot deadlock): a person who supported several counts once on the survivor; comments move; the
 * authors of the merged ideas (and those they credited) are credited on it; each merged idea becomes a redirect
 * (status merged, merged_into the survivor), and ideas that had been merged into them now point at the survivor.
 */
export async function mergeIdeas(moderator: Moderator, input: z.output<typeof mergeSchema>): Promise<Result<{ targetId: number; supportCount: number }>> {
  const outcome = await db.transaction(async (tx) => {
    const allIds = [input.targetId, ...input.sourceIds];
    const locked = await tx.select().from(ideas).where(inArray(ideas.id, allIds)).orderBy(asc(ideas.id)).for('update');
    const target = locked.find((i) => i.id === input.targetId);
    const sources = locked.filter((i) => input.sourceIds.includes(i.id));
    if (!target || sources.length !== new Set(input.sourceIds).size) return { ok: false as const, errors: { sourceIds: 'errors.invalid' as const } };
    if (locked.some((i) => i.projectId !== target.projectId)) return { ok: false as const, errors: { sourceIds: 'ideas.mergeOtherProject' as const } };
    if (!(moderator.scope === 'all' || moderator.scope.includes(target.projectId))) return { ok: false as const, errors: { form: forbiddenProject } };
    if (target.status !== 'published' && target.status !== 'shortlisted') return { ok: false as const, errors: { targetId: 'ideas.mergeTargetState' as const } };
    if (sources.some((s) => s.status !== 'published' && s.status !== 'shortlisted')) return { ok: false as const, errors: { sourceIds: 'ideas.mergeSourceState' as const } };
    const project = await shareProject(tx, target.projectId);
    if (!project || !stageAllows(project.stage, 'merge')) return { ok: false as const, errors: { form: 'ideas.stageNoMerge' as const } };

    const sourceIds = sources.map((s) => s.id);
    const supportsBefore = target.supportCount;
    // Supports: one per person on the survivor, keeping the earliest date; the unique key drops the doubles.
    await tx.execute(sql`
      INSERT INTO idea_supports (idea_id, user_id, created_at)
      SELECT ${target.id}, user_id, min(created_at) FROM idea_supports WHERE idea_id IN (${sql.join(sourceIds.map((i) => sql`${i}`), sql`, `)}) GROUP BY user_id
      ON CONFLICT DO NOTHING`);
    await tx.delete(ideaSupports).where(inArray(ideaSupports.ideaId, sourceIds));
    const moved = await tx.update(ideaComments).set({ ideaId: target.id }).where(inArray(ideaComments.ideaId, sourceIds)).returning({ id: ideaComments.id });
    // Credits: the merged ideas' authors, and whoever they had credited, except the survivor's own author.
    const credited = [
      ...sources.filter((s) => s.authorId).map((s) => ({ userId: s.authorId!, fromIdeaId: s.id })),
      ...(await tx.select({ userId: ideaCredits.userId, fromIdeaId: ideaCredits.fromIdeaId }).from(ideaCredits).where(inArray(ideaCredits.ideaId, sourceIds))),
    ].filter((c) => c.userId !== target.authorId);
    if (credited.length) await tx.insert(ideaCredits).values(credited.map((c) => ({ ideaId: target.id, ...c }))).onConflictDoNothing();
    await tx.update(ideas).set({ mergedIntoId: target.id }).where(and(eq(ideas.status, 'merged'), inArray(ideas.mergedIntoId, sourceIds)));
    await tx.update(ideas).set({ status: 'merged', mergedIntoId: target.id, supportCount: 0, commentCount: 0, updatedAt: new Date() }).where(inArray(ideas.id, sourceIds));
    const [counted] = await tx
      .update(ideas)
      .set({
        supportCount: sql`(SELECT count(*)::int FROM idea_supports WHERE idea_id = ${target.id})`,
        commentCount: sql`(SELECT count(*)::int FROM idea_comments WHERE idea_id = ${target.id} AND hidden_at IS NULL)`,
        moderatedAt: sql`coalesce(${ideas.moderatedAt}, now())`,
        updatedAt: new Date(),
      })
      .where(eq(ideas.id, target.id))
      .returning({ supportCount: ideas.supportCount });
    await recordAudit(tx, {
      actorId: moderator.id,
      action: 'idea.merge',
      targetType: 'idea',
      targetId: target.id,
      before: { target: { id: target.id, supportCount: supportsBefore }, sources: sources.map((s) => ({ id: s.id, supportCount: s.supportCount, status: s.status })) },
      after: { supportCount: counted!.supportCount, commentsMoved: moved.length, credited: credited.map((c) => c.userId) },
    });
    const outbox: number[] = [];
    for (const s of sources) {
      if (!s.authorId || s.authorId === target.authorId) continue;
      outbox.push(
        ...(await notify(tx, { userId: s.authorId, kind: 'ideas.notice.merged', params: { title: s.title, into: target.title }, link: `/ideas/${target.id}`, email: { subject: 'ideas.email.merged.subject', body: 'ideas.email.merged.body' } })),
      );
    }
    return { ok: true as const, value: { targetId: target.id, supportCount: counted!.supportCount }, outbox };
  });
  if (!outcome.ok) return outcome;
  await enqueueEmailDelivery(outcome.outbox);
  return { ok: true, value: outcome.value };
}

