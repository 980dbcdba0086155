import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { districts, projectDistricts, projects, projectStages } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { storeUpload } from '#app/utils/stored-media.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { processPhotos, type PhotoError } from '#app/modules/reports/index.server';
import type { projectSchema } from './schemas';
import { projectCoverMedia } from './media.server';
import { stages } from './stages';

export type SaveProjectFailure = { field: string; key: 'ideas.slugTaken' | 'errors.choice' | 'ideas.districtBudgetOutside' } | { field: 'cover'; photo: PhotoError };
type ProjectOutput = z.output<typeof projectSchema>;
/** The form's output; a project that is not a budget may leave the budget fields out (the seed and tests do). */
export type ProjectInput = Omit<ProjectOutput, 'budget' | 'currency' | 'districtBudgets'> & Partial<Pick<ProjectOutput, 'budget' | 'currency' | 'districtBudgets'>>;

/**
 * An admin creates or edits a project: texts in both languages, the audience (districts; none = whole city),
 * the planned dates of every stage, and an optional cover image (checked and re-encoded like photos).
 * A participatory budget has a currency and an amount for the city's ideas and/or for each of its districts'.
 * Project, dates and districts are written in one transaction; audited with before and after.
 */
export async function saveProject(actorId: string, projectId: number | null, input: ProjectInput, cover: File | null): Promise<Result<{ id: number; slug: string }, SaveProjectFailure>> {
  let image: { mimeType: string; data: Buffer } | null = null;
  if (cover && cover.size > 0) {
    const processed = await processPhotos([cover]);
    if (!processed.ok) return { ok: false, errors: { field: 'cover', photo: processed.errors.photos } };
    image = processed.value[0]!;
  }
  // The cover's object is written before the transaction (ADR 058): a failed save leaves an orphan for the sweeper.
  const stored = image ? await storeUpload(projectCoverMedia.namespace, image.data, image.mimeType) : null;
  const districtIds = [...new Set(input.districtIds)];
  if (districtIds.length) {
    const found = await db.select({ id: districts.id }).from(districts).where(inArray(districts.id, districtIds));
    if (found.length !== districtIds.length) return { ok: false, errors: { field: 'districtIds', key: 'errors.choice' } };
  }
  // A district's budget pays for ideas voted on by that district's residents: the project must be for them.
  const districtBudgets = new Map((input.districtBudgets ?? []).map((b) => [b.districtId, b.budget]));
  for (const districtId of districtBudgets.keys()) if (!districtIds.includes(districtId)) return { ok: false, errors: { field: `budget-${districtId}`, key: 'ideas.districtBudgetOutside' } };
  const budget = { budget: input.budget ?? null, currency: input.currency ?? null };
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.slug, input.slug));
    if (taken && taken.id !== projectId) return { ok: false, errors: { field: 'slug', key: 'ideas.slugTaken' } };
    const texts = { slug: input.slug, titleRu: input.titleRu, titleEn: input.titleEn, descriptionRu: input.descriptionRu, descriptionEn: input.descriptionEn };
    const coverValues = image && stored ? { coverImage: stored.data, coverStorageKey: stored.storageKey, coverMimeType: image.mimeType } : {};
    let id: number;
    let before: unknown;
    if (projectId === null) {
      const [row] = await tx.insert(projects).values({ ...texts, ...budget, ...coverValues, createdBy: actorId }).returning({ id: projects.id });
      id = row!.id;
    } else {
      const [old] = await tx.select({ slug: projects.slug, titleRu: projects.titleRu, titleEn: projects.titleEn, descriptionRu: projects.descriptionRu, descriptionEn: projects.descriptionEn, budget: projects.budget, currency: projects.currency }).from(projects).where(eq(projects.id, projectId)).for('update');
      if (!old) return { ok: false, errors: { field: 'slug', key: 'errors.choice' } };
      before = old;
      await tx.update(projects).set({ ...texts, ...budget, ...coverValues, updatedAt: new Date() }).where(eq(projects.id, projectId));
      id = projectId;
      await tx.delete(projectStages).where(eq(projectStages.projectId, id));
      await tx.delete(projectDistricts).where(eq(projectDistricts.projectId, id));
    }
    await tx.insert(projectStages).values(stages.map((stage) => ({ projectId: id, stage, startsOn: new Date(`${input[`${stage}Starts`]}T00:00:00Z`), endsOn: new Date(`${input[`${stage}Ends`]}T00:00:00Z`) })));
    if (districtIds.length) await tx.insert(projectDistricts).values(districtIds.map((districtId) => ({ projectId: id, districtId, budget: districtBudgets.get(districtId) ?? null })));
    await recordAudit(tx, { actorId, action: projectId === null ? 'project.create' : 'project.update', targetType: 'project', targetId: id, before, after: { ...texts, ...budget, districtIds, districtBudgets: Object.fromEntries(districtBudgets), cover: !!image } });
    return { ok: true, value: { id, slug: input.slug } };
  });
}
