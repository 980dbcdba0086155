import type { z } from 'zod';
import { ideaPhotos, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { onTheWeb, type Participation } from '#app/utils/participation.server';
import { env } from '#app/utils/env.server';
import { formatAmount } from '#app/utils/format';
import { awardPoints } from '#app/modules/votes/index.server';
import { processPhotos, type PhotoError } from '#app/modules/reports/index.server';
import { largestBudget, projectBudgets } from './budgets.server';
import { inAudience, shareProject } from './locks.server';
import { findSimilarIdeas, type SimilarIdea } from './queries.server';
import type { ideaSchema } from './schemas';
import { stageAllows } from './stages';
import { ideaMedia } from './media.server';
import { storeUpload } from '#app/utils/stored-media.server';

export type ProposeFailure = { kind: 'project' } | { kind: 'cost'; key: 'ideas.notBudget' | 'ideas.costAboveBudget'; params?: { budget: string } } | { kind: 'stage' } | { kind: 'audience' } | { kind: 'similar'; similar: SimilarIdea[] } | { kind: 'photos'; error: PhotoError };

/**
 * A resident proposes an idea to a project that is collecting. Unless they confirm, similar existing ideas are
 * offered first (support one instead). Photos are checked and re-encoded; the idea and its photos land together.
 * In a budget project the author may estimate the cost, within the project's largest budget.
 */
export async function proposeIdea(
  authorId: string,
  projectId: number,
  input: z.output<typeof ideaSchema>,
  files: File[],
  participation: Participation = onTheWeb,
): Promise<Result<{ ideaId: number }, ProposeFailure>> {
  if (!input.confirmNew) {
    const similar = await findSimilarIdeas(projectId, input.title);
    if (similar.length) return { ok: false, errors: { kind: 'similar', similar } };
  }
  const photos = await processPhotos(files);
  if (!photos.ok) return { ok: false, errors: { kind: 'photos', error: photos.errors.photos } };
  // Into the media store before the transaction: a failed one leaves an orphan the sweeper removes, never a row without bytes.
  const stored = await Promise.all(photos.value.map(async ({ data, ...photo }) => ({ ...photo, ...(await storeUpload(ideaMedia.namespace, data, photo.mimeType)) })));
  return db.transaction(async (tx) => {
    const project = await shareProject(tx, projectId);
    if (!project) return { ok: false, errors: { kind: 'project' } };
    if (!stageAllows(project.stage, 'propose')) return { ok: false, errors: { kind: 'stage' } };
    if (!(await inAudience(tx, projectId, authorId))) return { ok: false, errors: { kind: 'audience' } };
    if (input.proposedCost !== undefined) {
      const budgets = await projectBudgets(tx, projectId);
      if (!budgets) return { ok: false, errors: { kind: 'cost', key: 'ideas.notBudget' } };
      const most = largestBudget(budgets);
      if (input.proposedCost > most) return { ok: false, errors: { kind: 'cost', key: 'ideas.costAboveBudget', params: { budget: formatAmount(most, budgets.currency) } } };
    }
    const [idea] = await tx.insert(ideas).values({ projectId, authorId, title: input.title, body: input.body, tags: input.tags, proposedCost: input.proposedCost ?? null, channel: participation.channel }).returning({ id: ideas.id });
    if (stored.length) await tx.insert(ideaPhotos).values(stored.map((p) => ({ ideaId: idea!.id, ...p })));
    await awardPoints(tx, authorId, env.POINTS_FOR_IDEA, { reason: 'idea', ideaId: idea!.id });
    await participation.alongside?.(tx, String(idea!.id));
    return { ok: true, value: { ideaId: idea!.id } };
  });
}
