import { eq } from 'drizzle-orm';
import { projects } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { nextStage, type Stage } from './stages';

/**
 * An admin moves a project to its next stage. The form names the stage it expects to move to, so a second click
 * (or a second admin) on a stale page changes nothing. The row lock waits for ideas and supports in flight.
 */
export async function advanceStage(actorId: string, projectId: number, to: Stage): Promise<Result<{ stage: Stage }>> {
  return db.transaction(async (tx) => {
    const [project] = await tx.select({ id: projects.id, stage: projects.stage }).from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) return { ok: false, errors: { stage: 'errors.invalid' } };
    if (nextStage(project.stage) !== to) return { ok: false, errors: { stage: 'ideas.stageNotNext' } };
    await tx.update(projects).set({ stage: to, updatedAt: new Date() }).where(eq(projects.id, projectId));
    await recordAudit(tx, { actorId, action: 'project.stage', targetType: 'project', targetId: projectId, before: { stage: project.stage }, after: { stage: to } });
    return { ok: true, value: { stage: to } };
  });
}
