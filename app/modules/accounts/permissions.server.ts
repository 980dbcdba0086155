import { redirect } from '@remix-run/node';
import { getCurrentUser, type CurrentUser } from './sessions.server';
import type { StaffRole } from './schemas';

/**
 * City-wide staff actions of the foundation and who may take them. Each tool adds its own permissions
 * module; scoped roles (expert of a project, officer of a department) are checked there against the target.
 */
export const staffActions = {
  'city.configure': ['admin'],
  'accounts.grant-role': ['admin'],
  'accounts.verify-resident': ['admin'],
  'accounts.block': ['admin'],
  'audit.read': ['admin'],
  'notifications.read-outbox': ['admin'],
  'reports.moderate': ['moderator', 'admin'],
  'reports.arbitrate': ['arbiter', 'admin'],
  // Scoped: an officer acts only on reports of the departments in their grants (departmentScopes).
  'reports.answer': ['department'],
  'queues.read': ['admin'],
  'api-keys.manage': ['admin'],
  // Scoped for officers: their departments' report ratings only.
  'feedback.read': ['admin', 'moderator', 'arbiter', 'department'],
  'stats.read': ['admin', 'moderator', 'arbiter', 'department', 'expert'],
  // Ballots (editor, scheduling) and the decisions that follow them (implementation items, progress, done).
  'votes.manage': ['admin'],
  // Ideas: projects (create, stages, send to vote) are the admin's; moderators and experts may be kept to one
  // project by their grant's projectId (app/modules/ideas/permissions.server.ts checks the target project).
  'ideas.manage-projects': ['admin'],
  'ideas.moderate': ['moderator', 'admin'],
  'ideas.assess': ['expert', 'admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof staffActions;

export function hasRole(user: Pick<CurrentUser, 'roles'> | null, role: StaffRole): boolean {
  return !!user?.roles.some((g) => g.role === role);
}

export function can(user: Pick<CurrentUser, 'roles'> | null, action: StaffAction): boolean {
  const allowed: readonly StaffRole[] = staffActions[action];
  return !!user?.roles.some((g) => allowed.includes(g.role));
}

/** Anyone staff (shows the administration link). */
export function isStaff(user: Pick<CurrentUser, 'roles'> | null): boolean {
  return !!user && user.roles.length > 0;
}

/** The signed-in person, or a redirect to sign in that comes back here. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** The signed-in person allowed to take the action, else a 403 page (never the data). */
export async function requirePermission(request: Request, action: StaffAction): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user, action)) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return user;
}

/** The departments a person may act for (their department-scoped grants). */
export function departmentScopes(user: Pick<CurrentUser, 'roles'>): number[] {
  return user.roles.filter((g) => g.role === 'department' && g.departmentId !== null).map((g) => g.departmentId!);
}
