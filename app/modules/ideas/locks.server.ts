import { eq, sql } from 'drizzle-orm';
import { ideas, projects } from '#db/schema/index';
import type { Tx } from '#app/utils/db.server';

/**
 * The project's stage as of this transaction: FOR SHARE, so a stage change (an UPDATE) waits until this
 * transaction ends and no idea, support or comment slips in after the stage has closed it.
 */
export async function shareProject(tx: Tx, projectId: number) {
  const [project] = await tx.select({ id: projects.id, stage: projects.stage, slug: projects.slug }).from(projects).where(eq(projects.id, projectId)).for('share');
  return project ?? null;
}

/** The idea, locked against concurrent supports, merges and moderation of the same idea. */
export async function lockIdea(tx: Tx, ideaId: number) {
  const [idea] = await tx.select().from(ideas).where(eq(ideas.id, ideaId)).for('no key update');
  return idea ?? null;
}

/** Whether a person may propose to and support a project: it is city-wide, or their district is in its audience. */
export async function inAudience(tx: Tx, projectId: number, userId: string): Promise<boolean> {
  const [row] = await tx.execute<{ ok: boolean }>(sql`
    SELECT NOT EXISTS (SELECT 1 FROM project_districts WHERE project_id = ${projectId})
        OR EXISTS (SELECT 1 FROM project_districts pd JOIN users u ON u.district_id = pd.district_id WHERE pd.project_id = ${projectId} AND u.id = ${userId}) AS ok`);
  return !!row?.ok;
}
