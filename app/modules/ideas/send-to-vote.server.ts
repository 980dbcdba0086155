import { and, asc, eq } from 'drizzle-orm';
import { ballotOptions, ballotQuestions, ballots, ideas, projects } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { stageAllows } from './stages';

/**
 * "Send to vote": the project's shortlist becomes a DRAFT ballot for the Votes tool (which schedules and opens it):
 * one question, one option per shortlisted idea linked back to it; single choice for two ideas or fewer, else up
 * to three choices. The project moves to `voting` in the same transaction, so the shortlist cannot be sent twice.
 */
export async function sendToVote(actorId: string, projectId: number): Promise<Result<{ ballotId: number }>> {
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) return { ok: false, errors: { form: 'errors.invalid' } };
    if (!stageAllows(project.stage, 'send-to-vote')) return { ok: false, errors: { form: 'ideas.stageNoSend' } };
    const shortlist = await tx.select({ id: ideas.id, title: ideas.title }).from(ideas).where(and(eq(ideas.projectId, projectId), eq(ideas.status, 'shortlisted'))).orderBy(asc(ideas.shortlistedAt), asc(ideas.id)).for('share');
    if (shortlist.length < 2) return { ok: false, errors: { form: 'ideas.shortlistTooShort' } };
    const [ballot] = await tx
      .insert(ballots)
      .values({ titleRu: project.titleRu, titleEn: project.titleEn, descriptionRu: project.descriptionRu, descriptionEn: project.descriptionEn, status: 'draft', projectId, createdBy: actorId })
      .returning({ id: ballots.id });
    const single = shortlist.length <= 2;
    const [question] = await tx
      .insert(ballotQuestions)
      .values({ ballotId: ballot!.id, position: 1, textRu: 'Какие из этих идей город должен воплотить?', textEn: 'Which of these ideas should the city carry out?', kind: single ? 'single' : 'multiple', maxChoices: single ? 1 : Math.min(3, shortlist.length) })
      .returning({ id: ballotQuestions.id });
    await tx.insert(ballotOptions).values(shortlist.map((idea, i) => ({ questionId: question!.id, position: i + 1, labelRu: idea.title, labelEn: idea.title, ideaId: idea.id })));
    await tx.update(projects).set({ stage: 'voting', updatedAt: new Date() }).where(eq(projects.id, projectId));
    await recordAudit(tx, { actorId, action: 'project.send-to-vote', targetType: 'project', targetId: projectId, before: { stage: project.stage }, after: { stage: 'voting', ballotId: ballot!.id, ideaIds: shortlist.map((i) => i.id) } });
    return { ok: true, value: { ballotId: ballot!.id } };
  });
}
