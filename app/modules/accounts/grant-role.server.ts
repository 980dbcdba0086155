import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { centres, departments, projects, roleGrants, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import type { grantRoleSchema } from './schemas';
import { forgetCurrentUser } from './sessions.server';

type GrantErrors = Partial<Record<'userId' | 'role' | 'departmentId' | 'projectId' | 'centreId', MessageKey>>;

/** An admin grants a staff role (scoped where the role needs it); audited, and the person is told. */
export async function grantRole(actorId: string, input: z.output<typeof grantRoleSchema>): Promise<Result<{ grantId: string }, GrantErrors>> {
  const result = await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!user) return { ok: false as const, errors: { userId: 'errors.invalid' as const } };
    if (input.departmentId) {
      const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
      if (!department) return { ok: false as const, errors: { departmentId: 'admin.unknownDepartment' as const } };
    }
    // An expert works on one project; a moderator may be city-wide or kept to one project.
    const projectId = input.role === 'expert' || input.role === 'moderator' ? (input.projectId ?? null) : null;
    if (projectId) {
      const [project] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
      if (!project) return { ok: false as const, errors: { projectId: 'admin.unknownProject' as const } };
    }
    // A consultant serves at one centre (ADR 048).
    const centreId = input.role === 'consultant' ? (input.centreId ?? null) : null;
    if (centreId) {
      const [centre] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.id, centreId));
      if (!centre) return { ok: false as const, errors: { centreId: 'admin.unknownCentre' as const } };
    }
    const values = {
      userId: input.userId,
      role: input.role,
      departmentId: input.role === 'department' ? (input.departmentId ?? null) : null,
      projectId,
      centreId,
      grantedBy: actorId,
    };
    const [grant] = await tx.insert(roleGrants).values(values).onConflictDoNothing().returning({ id: roleGrants.id });
    if (!grant) return { ok: false as const, errors: { role: 'admin.alreadyGranted' as const } };
    await recordAudit(tx, { actorId, action: 'role.grant', targetType: 'user', targetId: input.userId, after: values });
    const outbox = await notify(tx, {
      userId: input.userId,
      kind: 'notice.roleGranted',
      params: { role: `role.${input.role}` },
      link: '/me',
      email: { subject: 'email.roleGranted.subject', body: 'email.roleGranted.body' },
    });
    return { ok: true as const, value: { grantId: grant.id }, outbox };
  });
  if (!result.ok) return result;
  forgetCurrentUser();
  await enqueueEmailDelivery(result.outbox);
  return { ok: true, value: result.value };
}

/** An admin takes a role back; audited with what was held. The city's last admin cannot be removed. */
export async function revokeRole(actorId: string, grantId: string): Promise<Result<null>> {
  const result = await db.transaction(async (tx): Promise<Result<null>> => {
    // Lock the admin grants so two admins revoking each other at once cannot leave the city with none.
    const admins = await tx.select({ id: roleGrants.id }).from(roleGrants).where(eq(roleGrants.role, 'admin')).for('update');
    if (admins.length === 1 && admins[0]!.id === grantId) return { ok: false, errors: { grantId: 'admin.lastAdmin' } };
    const [grant] = await tx.delete(roleGrants).where(eq(roleGrants.id, grantId)).returning();
    if (!grant) return { ok: false, errors: { grantId: 'errors.invalid' } };
    await recordAudit(tx, { actorId, action: 'role.revoke', targetType: 'user', targetId: grant.userId, before: grant });
    return { ok: true, value: null };
  });
  forgetCurrentUser();
  return result;
}
