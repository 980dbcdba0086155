import { redirect } from '@remix-run/node';
import { getCurrentUser, type CurrentUser } from './sessions.server';
import type { StaffRole } from './schemas';
import type { PermissionRule } from '#app/modules/manifest';
import { staffActions } from '#app/modules/registry.server';

/**
 * Who may take each staff action, as the tools declare it in their manifests (ADR 037). `cityWide` roles count only
 * from a grant without a scope; `scoped` roles count from a grant kept to one project or department, and then only
 * for that project or department. A moderator granted for one ideas project is therefore no moderator of reports,
 * and sees no other project.
 */
export { staffActions };
type Rule = PermissionRule;

export type StaffAction = keyof typeof staffActions;
/** What an action is taken on: one project, one department's report, or one service centre (ADR 048). */
export type Target = { projectId: number } | { departmentId: number } | { centreId: number };
type Who = Pick<CurrentUser, 'roles'> | null;
type Grant = CurrentUser['roles'][number];

const isCityWide = (g: Grant) => g.projectId === null && g.departmentId === null && g.centreId === null;
const cityWideFor = (action: StaffAction) => (g: Grant) => isCityWide(g) && (staffActions[action].cityWide as readonly StaffRole[]).includes(g.role);
const scopedFor = (action: StaffAction) => {
  const rule: Rule = staffActions[action];
  return (g: Grant) => !isCityWide(g) && (rule.scoped ?? []).includes(g.role);
};

export function hasRole(user: Who, role: StaffRole): boolean {
  return !!user?.roles.some((g) => g.role === role);
}

/**
 * May the person take the action: city-wide; on `target` (a city-wide grant or one scoped to that project,
 * department or centre); or, with 'some', on some project or department of theirs (a page whose list is then narrowed by
 * scopeOf).
 */
export function can(user: Who, action: StaffAction, target?: Target | 'some'): boolean {
  if (!user) return false;
  if (user.roles.some(cityWideFor(action))) return true;
  if (!target) return false;
  const scoped = user.roles.filter(scopedFor(action));
  if (target === 'some') return scoped.length > 0;
  return scoped.some((g) => ('projectId' in target ? g.projectId === target.projectId : 'centreId' in target ? g.centreId === target.centreId : g.departmentId === target.departmentId));
}

/** The projects or departments the person may take the action on: 'all' from a city-wide grant. */
export function scopeOf(user: Who, action: StaffAction, by: 'projectId' | 'departmentId' | 'centreId'): 'all' | number[] {
  if (!user) return [];
  if (user.roles.some(cityWideFor(action))) return 'all';
  return user.roles.filter(scopedFor(action)).flatMap((g) => (g[by] === null ? [] : [g[by]]));
}

/** Anyone staff (shows the administration link). */
export function isStaff(user: Who): boolean {
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

/** The signed-in person allowed to take the action (as can() reads `target`), else a 403 page (never the data). */
export async function requirePermission(request: Request, action: StaffAction, target?: Target | 'some'): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user, action, target)) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return user;
}

/** The departments a person answers for (their department-scoped grants). */
export function departmentScopes(user: Who): number[] {
  const scope = scopeOf(user, 'reports.answer', 'departmentId');
  return scope === 'all' ? [] : scope;
}
