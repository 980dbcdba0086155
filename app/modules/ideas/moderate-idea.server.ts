import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { abuseFlags, ideaComments, ideas } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { lockIdea } from './locks.server';
import type { moderationSchema } from './schemas';

export type Moderator = { id: string; scope: 'all' | number[] };
type Moderation = z.output<typeof moderationSchema>;

export const forbiddenProject = 'ideas.forbiddenProject' as const;
const covers = (m: Moderator, projectId: number) => m.scope === 'all' || m.scope.includes(projectId);

async function resolveFlags(tx: Tx, actorId: string, target: { ideaId?: number; commentId?: number }) {
  const where = target.commentId ? eq(abuseFlags.commentId, target.commentId) : eq(abuseFlags.ideaId, target.ideaId!);
  await tx.update(abuseFlags).set({ resolvedAt: new Date(), resolvedBy: actorId }).where(and(where, isNull(abuseFlags.resolvedAt)));
}

/**
 * A moderator's action on one idea or comment: hide an idea with a public reason (the author is told), mark a new
 * idea as looked at, correct obvious typos (the audit keeps before and after), hide a comment, dismiss a flag.
 * Each is one transaction with the idea locked, and audited.
 */
export async function moderateIdea(moderator: Moderator, input: Moderation): Promise<Result<null>> {
  const outcome = await db.transaction(async (tx) => {
    let ideaId: number;
    if (input.intent === 'hide-comment' || input.intent === 'dismiss-flag') {
      const [found] =
        input.intent === 'hide-comment'
          ? await tx.select({ ideaId: ideaComments.ideaId }).from(ideaComments).where(eq(ideaComments.id, input.commentId))
          : await tx
              .select({ ideaId: sql<number>`coalesce(${abuseFlags.ideaId}, ${ideaComments.ideaId})`.mapWith(Number) })
              .from(abuseFlags)
              .leftJoin(ideaComments, eq(ideaComments.id, abuseFlags.commentId))
              .where(and(eq(abuseFlags.id, input.flagId), isNull(abuseFlags.resolvedAt)));
      if (!found) return { ok: false as const, errors: { form: 'ideas.alreadyModerated' as const } };
      ideaId = found.ideaId;
    } else ideaId = input.ideaId;
    const idea = await lockIdea(tx, ideaId);
    if (!idea) return { ok: false as const, errors: { form: 'errors.invalid' as const } };
    if (!covers(moderator, idea.projectId)) return { ok: false as const, errors: { form: forbiddenProject } };
    const now = new Date();
    const actorId = moderator.id;
    switch (input.intent) {
      case 'approve': {
        if (idea.moderatedAt) return { ok: false as const, errors: { form: 'ideas.alreadyModerated' as const } };
        await tx.update(ideas).set({ moderatedAt: now }).where(eq(ideas.id, idea.id));
        await recordAudit(tx, { actorId, action: 'idea.approve', targetType: 'idea', targetId: idea.id });
        return { ok: true as const, outbox: [] as number[] };
      }
      case 'hide': {
        if (idea.status === 'hidden' || idea.status === 'merged') return { ok: false as const, errors: { form: 'ideas.alreadyModerated' as const } };
        await tx.update(ideas).set({ status: 'hidden', hiddenReason: input.reason, moderatedAt: now, updatedAt: now }).where(eq(ideas.id, idea.id));
        await resolveFlags(tx, actorId, { ideaId: idea.id });
        await recordAudit(tx, { actorId, action: 'idea.hide', targetType: 'idea', targetId: idea.id, before: { status: idea.status }, after: { status: 'hidden', reason: input.reason } });
        const outbox = idea.authorId
          ? await notify(tx, { userId: idea.authorId, kind: 'ideas.notice.hidden', params: { title: idea.title, reason: input.reason }, link: `/ideas/${idea.id}`, email: { subject: 'ideas.email.hidden.subject', body: 'ideas.email.hidden.body' } })
          : [];
        return { ok: true as const, outbox };
      }
      case 'edit': {
        if (idea.status === 'merged') return { ok: false as const, errors: { form: 'ideas.alreadyModerated' as const } };
        await tx.update(ideas).set({ title: input.title, body: input.body, moderatedAt: idea.moderatedAt ?? now, updatedAt: now }).where(eq(ideas.id, idea.id));
        await recordAudit(tx, { actorId, action: 'idea.edit', targetType: 'idea', targetId: idea.id, before: { title: idea.title, body: idea.body }, after: { title: input.title, body: input.body } });
        return { ok: true as const, outbox: [] as number[] };
      }
      case 'hide-comment': {
        const [comment] = await tx
          .update(ideaComments)
          .set({ hiddenAt: now, hiddenReason: input.reason, updatedAt: now })
          .where(and(eq(ideaComments.id, input.commentId), isNull(ideaComments.hiddenAt)))
          .returning();
        if (!comment) return { ok: false as const, errors: { form: 'ideas.alreadyModerated' as const } };
        // The counter counts what readers see; replies under a hidden comment stay visible.
        await tx.update(ideas).set({ commentCount: sql`${ideas.commentCount} - 1` }).where(eq(ideas.id, idea.id));
        await resolveFlags(tx, actorId, { commentId: comment.id });
        await recordAudit(tx, { actorId, action: 'idea.comment.hide', targetType: 'idea_comment', targetId: comment.id, before: { body: comment.body }, after: { hidden: true, reason: input.reason } });
        return { ok: true as const, outbox: [] as number[] };
      }
      case 'dismiss-flag': {
        const [flag] = await tx.update(abuseFlags).set({ resolvedAt: now, resolvedBy: actorId }).where(and(eq(abuseFlags.id, input.flagId), isNull(abuseFlags.resolvedAt))).returning();
        if (!flag) return { ok: false as const, errors: { form: 'ideas.alreadyModerated' as const } };
        await recordAudit(tx, { actorId, action: 'idea.flag.dismiss', targetType: 'abuse_flag', targetId: flag.id, before: { reason: flag.reason } });
        return { ok: true as const, outbox: [] as number[] };
      }
    }
  });
  if (!outcome.ok) return outcome;
  await enqueueEmailDelivery(outcome.outbox);
  return { ok: true, value: null };
}

/** Open flags of a target, for tests and the moderator's queue count. */
export async function openFlagCount(target: { ideaId: number }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(abuseFlags)
    .leftJoin(ideaComments, eq(ideaComments.id, abuseFlags.commentId))
    .where(and(isNull(abuseFlags.resolvedAt), or(eq(abuseFlags.ideaId, target.ideaId), eq(ideaComments.ideaId, target.ideaId))));
  return row?.n ?? 0;
}
