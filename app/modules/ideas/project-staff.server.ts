// A project's own experts and moderators, granted and revoked on the project's admin page.
import { and, eq } from 'drizzle-orm';
import { roleGrants } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { ErrorKeys, Result } from '#app/utils/result';
import { grantRole, revokeRole } from '#app/modules/accounts/index.server';
import { userIdByEmail } from './queries.server';

/** Makes the person with this e-mail address an expert or a moderator of the project; problems are told at `email`. */
export async function grantProjectRole(actorId: string, projectId: number, email: string, role: 'expert' | 'moderator'): Promise<Result<null, ErrorKeys>> {
  const userId = await userIdByEmail(email);
  if (!userId) return { ok: false, errors: { email: 'ideas.noSuchPerson' } };
  const result = await grantRole(actorId, { userId, role, projectId, departmentId: undefined });
  if (!result.ok) return { ok: false, errors: { email: result.errors.role ?? result.errors.userId ?? result.errors.projectId } };
  return { ok: true, value: null };
}

/** Revokes a grant on this project; a grant of anything else (another project, a city-wide role) is refused. */
export async function revokeProjectRole(actorId: string, projectId: number, grantId: string): Promise<Result<null, ErrorKeys>> {
  const [grant] = await db.select({ id: roleGrants.id }).from(roleGrants).where(and(eq(roleGrants.id, grantId), eq(roleGrants.projectId, projectId)));
  if (!grant) return { ok: false, errors: { form: 'errors.invalid' } };
  return revokeRole(actorId, grantId);
}
