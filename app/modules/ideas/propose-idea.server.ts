import type { z } from 'zod';
import { ideaPhotos, ideas } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { onTheWeb, type Participation } from '#app/utils/participation.server';
import { env } from '#app/utils/env.server';
import { awardPoints } from '#app/modules/votes/index.server';
import { processPhotos, type PhotoError } from '#app/modules/reports/index.server';
import { inAudience, shareProject } from './locks.server';
import { findSimilarIdeas, type SimilarIdea } from './queries.server';
import type { ideaSchema } from './schemas';
import { stageAllows } from './stages';
import { ideaMedia } from './media.server';
import { storeUpload } from '#app/utils/stored-media.server';

export type ProposeFailure = { kind: 'project' } | { kind: 'stage' } | { kind: 'audience' } | { kind: 'similar'; similar: SimilarIdea[] } | { kind: 'photos'; error: PhotoError };

/**
 * A resident proposes an idea to a project that is collecting. Unless they confirm, similar existing ideas are
 * offered first (support one instead). Photos are checked and re-encoded; the idea and its photos land together.
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
    const [idea] = await tx.insert(ideas).values({ projectId, authorId, title: input.title, body: input.body, tags: input.tags, channel: participation.channel }).returning({ id: ideas.id });
    if (stored.length) await tx.insert(ideaPhotos).values(stored.map((p) => ({ ideaId: idea!.id, ...p })));
    await awardPoints(tx, authorId, env.POINTS_FOR_IDEA, { reason: 'idea', ideaId: idea!.id });
    await participation.alongside?.(tx, String(idea!.id));
    return { ok: true, value: { ideaId: idea!.id } };
  });
}
