import { and, asc, eq, inArray } from 'drizzle-orm';
import { ballotDistricts, ballotOptions, ballotQuestions, ballots, districts, ideas, projectDistricts, projects } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import type { MessageKey, Params } from '#app/utils/i18n';
import { formatAmount } from '#app/utils/format';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { budgetOf, projectBudgets, type ProjectBudgets } from './budgets.server';
import { ideasEn, ideasRu } from './messages';
import { stageAllows } from './stages';

export type SendFailure = { field: 'form'; key: MessageKey; params?: Params };
type Project = typeof projects.$inferSelect;
type Shortlisted = { id: number; title: string; cost: number | null; districtId: number | null };

/**
 * "Send to vote": the project's shortlist becomes DRAFT ballots for the Votes tool (which schedules and opens them);
 * each option is a shortlisted idea linked back to it. A plain project makes one ballot: single choice for two ideas
 * or fewer, else up to three choices. A budget project makes one budget ballot per budget that has shortlisted
 * ideas: the city's (for the project's audience) and each district's (for that district), the ideas' costs as the
 * options' costs and the budget as the limit, counted by equal shares unless the admin picks greedy in the editor.
 * The project moves to `voting` in the same transaction, so the shortlist cannot be sent twice.
 */
export async function sendToVote(actorId: string, projectId: number): Promise<Result<{ ballotIds: number[] }, SendFailure>> {
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) return { ok: false, errors: { field: 'form', key: 'errors.invalid' } };
    if (!stageAllows(project.stage, 'send-to-vote')) return { ok: false, errors: { field: 'form', key: 'ideas.stageNoSend' } };
    const shortlist = await tx
      .select({ id: ideas.id, title: ideas.title, cost: ideas.cost, districtId: ideas.districtId })
      .from(ideas)
      .where(and(eq(ideas.projectId, projectId), eq(ideas.status, 'shortlisted')))
      .orderBy(asc(ideas.shortlistedAt), asc(ideas.id))
      .for('share');
    if (shortlist.length < 2) return { ok: false, errors: { field: 'form', key: 'ideas.shortlistTooShort' } };
    const budgets = await projectBudgets(tx, projectId);
    const made = budgets ? await budgetBallots(tx, actorId, project, budgets, shortlist) : { ok: true as const, value: [await plainBallot(tx, actorId, project, shortlist)] };
    if (!made.ok) return made;
    await tx.update(projects).set({ stage: 'voting', updatedAt: new Date() }).where(eq(projects.id, projectId));
    await recordAudit(tx, { actorId, action: 'project.send-to-vote', targetType: 'project', targetId: projectId, before: { stage: project.stage }, after: { stage: 'voting', ballotIds: made.value, ideaIds: shortlist.map((i) => i.id) } });
    return { ok: true, value: { ballotIds: made.value } };
  });
}

async function plainBallot(tx: Tx, actorId: string, project: Project, shortlist: Shortlisted[]): Promise<number> {
  const [ballot] = await tx
    .insert(ballots)
    .values({ titleRu: project.titleRu, titleEn: project.titleEn, descriptionRu: project.descriptionRu, descriptionEn: project.descriptionEn, status: 'draft', projectId: project.id, createdBy: actorId })
    .returning({ id: ballots.id });
  const single = shortlist.length <= 2;
  const [question] = await tx
    .insert(ballotQuestions)
    .values({ ballotId: ballot!.id, position: 1, textRu: 'Какие из этих идей город должен воплотить?', textEn: 'Which of these ideas should the city carry out?', kind: single ? 'single' : 'multiple', maxChoices: single ? 1 : Math.min(3, shortlist.length) })
    .returning({ id: ballotQuestions.id });
  await tx.insert(ballotOptions).values(shortlist.map((idea, i) => ({ questionId: question!.id, position: i + 1, labelRu: idea.title, labelEn: idea.title, ideaId: idea.id })));
  return ballot!.id;
}

/** One budget ballot per budget with shortlisted ideas; each needs two of them at least, each within its budget. */
async function budgetBallots(tx: Tx, actorId: string, project: Project, budgets: ProjectBudgets, shortlist: Shortlisted[]): Promise<Result<number[], SendFailure>> {
  const groups = new Map<number | null, Shortlisted[]>();
  for (const idea of shortlist) groups.set(idea.districtId, [...(groups.get(idea.districtId) ?? []), idea]);
  const districtIds = [...groups.keys()].filter((id): id is number => id !== null);
  const names = new Map((districtIds.length ? await tx.select({ id: districts.id, nameRu: districts.nameRu, nameEn: districts.nameEn }).from(districts).where(inArray(districts.id, districtIds)) : []).map((d) => [d.id, d]));
  const audience = (await tx.select({ districtId: projectDistricts.districtId }).from(projectDistricts).where(eq(projectDistricts.projectId, project.id))).map((d) => d.districtId);
  // The city's ballot first, then the districts' by id: the same order every time. Every budget is checked before
  // anything is written (a refusal returned from a transaction commits what it wrote).
  const order = [...groups.keys()].sort((a, b) => (a ?? 0) - (b ?? 0));
  const planned: { districtId: number | null; budget: number; ideas: Shortlisted[] }[] = [];
  for (const districtId of order) {
    const ideasOf = groups.get(districtId)!;
    const budget = budgetOf(budgets, districtId);
    if (budget === null) return { ok: false, errors: { field: 'form', key: 'ideas.noSuchBudget' } };
    if (ideasOf.length < 2) return { ok: false, errors: { field: 'form', key: 'ideas.budgetShortlistTooShort' } };
    if (ideasOf.some((i) => i.cost === null || i.cost > budget)) return { ok: false, errors: { field: 'form', key: 'ideas.costAboveBudget', params: { budget: formatAmount(budget, budgets.currency) } } };
    planned.push({ districtId, budget, ideas: ideasOf });
  }
  const made: number[] = [];
  for (const { districtId, budget, ideas: ideasOf } of planned) {
    const district = districtId === null ? null : names.get(districtId);
    const [ballot] = await tx
      .insert(ballots)
      .values({
        titleRu: district ? `${project.titleRu}: ${district.nameRu}` : project.titleRu,
        titleEn: district ? `${project.titleEn}: ${district.nameEn}` : project.titleEn,
        descriptionRu: project.descriptionRu,
        descriptionEn: project.descriptionEn,
        status: 'draft',
        projectId: project.id,
        createdBy: actorId,
      })
      .returning({ id: ballots.id });
    const voters = districtId === null ? audience : [districtId];
    if (voters.length) await tx.insert(ballotDistricts).values(voters.map((id) => ({ ballotId: ballot!.id, districtId: id })));
    const [question] = await tx
      .insert(ballotQuestions)
      .values({ ballotId: ballot!.id, position: 1, textRu: ideasRu['ideas.budgetQuestion'], textEn: ideasEn['ideas.budgetQuestion'], kind: 'budget', rule: 'equal-shares', cart: 'knapsack', maxChoices: 100, budget, currency: budgets.currency })
      .returning({ id: ballotQuestions.id });
    await tx.insert(ballotOptions).values(ideasOf.map((idea, i) => ({ questionId: question!.id, position: i + 1, labelRu: idea.title, labelEn: idea.title, ideaId: idea.id, cost: idea.cost })));
    made.push(ballot!.id);
  }
  return { ok: true, value: made };
}
