import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { MessageKey, Params } from '#app/utils/i18n';
import { formatAmount } from '#app/utils/format';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { forbiddenProjectKey, type Expert } from './assess-idea.server';
import { budgetOf, projectBudgets } from './budgets.server';
import { lockIdea, shareProject } from './locks.server';
import type { costSchema } from './schemas';
import { stageAllows } from './stages';

export type CostFailure = { field: string; key: MessageKey; params?: Params };

/**
 * The experts cost a budget project's idea during review: the budget that pays for it (the city's or a district's),
 * its cost within that budget, and a verdict (feasible, or not with the reasons, shown publicly). Only a feasible,
 * costed idea may be shortlisted, so a verdict of "not feasible" takes the idea off the shortlist. Audited.
 */
export async function costIdea(expert: Expert, input: z.output<typeof costSchema>): Promise<Result<null, CostFailure>> {
  return db.transaction(async (tx) => {
    const idea = await lockIdea(tx, input.ideaId);
    if (!idea || idea.status === 'hidden' || idea.status === 'merged') return { ok: false, errors: { field: 'form', key: 'errors.invalid' } };
    if (!expert.canAssess(idea.projectId)) return { ok: false, errors: { field: 'form', key: forbiddenProjectKey } };
    const project = await shareProject(tx, idea.projectId);
    if (!project || !stageAllows(project.stage, 'assess')) return { ok: false, errors: { field: 'form', key: 'ideas.stageNoAssess' } };
    const budgets = await projectBudgets(tx, idea.projectId);
    if (!budgets) return { ok: false, errors: { field: 'form', key: 'ideas.notBudget' } };
    const districtId = input.districtId ?? null;
    const budget = budgetOf(budgets, districtId);
    if (budget === null) return { ok: false, errors: { field: 'districtId', key: 'ideas.noSuchBudget' } };
    if (input.cost !== undefined && input.cost > budget) return { ok: false, errors: { field: 'cost', key: 'ideas.costAboveBudget', params: { budget: formatAmount(budget, budgets.currency) } } };
    const after = { cost: input.cost ?? null, feasibility: input.feasibility, feasibilityReason: input.reason || null, districtId };
    const offShortlist = input.feasibility === 'infeasible' && idea.status === 'shortlisted';
    await tx
      .update(ideas)
      .set({ ...after, ...(offShortlist ? { status: 'published' as const, shortlistedAt: null } : {}), updatedAt: new Date() })
      .where(eq(ideas.id, idea.id));
    const before = { cost: idea.cost, feasibility: idea.feasibility, feasibilityReason: idea.feasibilityReason, districtId: idea.districtId, status: idea.status };
    await recordAudit(tx, { actorId: expert.id, action: 'idea.cost', targetType: 'idea', targetId: idea.id, before, after: { ...after, status: offShortlist ? 'published' : idea.status } });
    return { ok: true, value: null };
  });
}
