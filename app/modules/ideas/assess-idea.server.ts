import { eq, sql } from 'drizzle-orm';
import { ideaAssessments, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { projectBudgets } from './budgets.server';
import { lockIdea, shareProject } from './locks.server';
import { stageAllows } from './stages';

export type Expert = { id: string; canAssess: (projectId: number) => boolean };
export const forbiddenProjectKey = 'ideas.forbiddenProject' as const;

/** An expert's assessment of an idea during review: one per expert per idea, revisable; the note is shown to the author. */
export async function assessIdea(expert: Expert, input: { ideaId: number; score: number; verdict: 'recommend' | 'reject' | 'needs_work'; note?: string }): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const idea = await lockIdea(tx, input.ideaId);
    if (!idea || idea.status === 'hidden' || idea.status === 'merged') return { ok: false, errors: { form: 'errors.invalid' } };
    if (!expert.canAssess(idea.projectId)) return { ok: false, errors: { form: forbiddenProjectKey } };
    const project = await shareProject(tx, idea.projectId);
    if (!project || !stageAllows(project.stage, 'assess')) return { ok: false, errors: { form: 'ideas.stageNoAssess' } };
    const values = { score: input.score, verdict: input.verdict, note: input.note ?? '' };
    const [before] = await tx.select().from(ideaAssessments).where(sql`${ideaAssessments.ideaId} = ${idea.id} AND ${ideaAssessments.expertId} = ${expert.id}`);
    await tx
      .insert(ideaAssessments)
      .values({ ideaId: idea.id, expertId: expert.id, ...values })
      .onConflictDoUpdate({ target: [ideaAssessments.ideaId, ideaAssessments.expertId], set: { ...values, updatedAt: new Date() } });
    await recordAudit(tx, { actorId: expert.id, action: 'idea.assess', targetType: 'idea', targetId: idea.id, before: before ? { score: before.score, verdict: before.verdict, note: before.note } : undefined, after: values });
    return { ok: true, value: null };
  });
}

/**
 * Experts mark the shortlist during review (the ideas that go to the city-wide vote), or take an idea off it.
 * The author is told when their idea is shortlisted.
 */
export async function shortlistIdea(expert: Expert, ideaId: number, shortlisted: boolean): Promise<Result<null>> {
  const outcome = await db.transaction(async (tx) => {
    const idea = await lockIdea(tx, ideaId);
    if (!idea || idea.status !== (shortlisted ? 'published' : 'shortlisted')) return { ok: false as const, errors: { form: 'ideas.shortlistState' as const } };
    // A budget project's idea reaches the ballot only with the experts' cost and a verdict of feasible.
    if (shortlisted && idea.feasibility !== 'feasible' && (await projectBudgets(tx, idea.projectId))) return { ok: false as const, errors: { form: 'ideas.shortlistNeedsCost' as const } };
    if (!expert.canAssess(idea.projectId)) return { ok: false as const, errors: { form: forbiddenProjectKey } };
    const project = await shareProject(tx, idea.projectId);
    if (!project || !stageAllows(project.stage, 'shortlist')) return { ok: false as const, errors: { form: 'ideas.stageNoAssess' as const } };
    const now = new Date();
    await tx.update(ideas).set({ status: shortlisted ? 'shortlisted' : 'published', shortlistedAt: shortlisted ? now : null, updatedAt: now }).where(eq(ideas.id, idea.id));
    await recordAudit(tx, { actorId: expert.id, action: shortlisted ? 'idea.shortlist' : 'idea.unshortlist', targetType: 'idea', targetId: idea.id, before: { status: idea.status } });
    // An assessed idea's author may rate the review (ADR 050): the notice links to the form on the idea page.
    const [assessed] = shortlisted && idea.authorId ? await tx.select({ ideaId: ideaAssessments.ideaId }).from(ideaAssessments).where(eq(ideaAssessments.ideaId, idea.id)).limit(1) : [];
    const link = assessed ? `/ideas/${idea.id}#rate-reviewed` : `/ideas/${idea.id}`;
    const body = assessed ? 'ideas.email.shortlisted.bodyRate' : 'ideas.email.shortlisted.body';
    const outbox =
      shortlisted && idea.authorId
        ? await notify(tx, { userId: idea.authorId, kind: 'ideas.notice.shortlisted', params: { title: idea.title, url: `${appOrigin()}${link}` }, link, email: { subject: 'ideas.email.shortlisted.subject', body } })
        : [];
    return { ok: true as const, outbox };
  });
  if (!outcome.ok) return outcome;
  await enqueueEmailDelivery(outcome.outbox);
  return { ok: true, value: null };
}
