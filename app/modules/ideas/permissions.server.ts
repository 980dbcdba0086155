import { hasRole } from '#app/modules/accounts/permissions.server';
import type { CurrentUser } from '#app/modules/accounts/sessions.server';

type Who = Pick<CurrentUser, 'roles'> | null;

/** The projects a person moderates: 'all' for admins and city-wide moderators, else the projects of their grants. */
export function moderatedProjects(user: Who): 'all' | number[] {
  if (!user) return [];
  if (hasRole(user, 'admin') || user.roles.some((g) => g.role === 'moderator' && g.projectId === null)) return 'all';
  return user.roles.filter((g) => g.role === 'moderator' && g.projectId !== null).map((g) => g.projectId!);
}

export function canModerateProject(user: Who, projectId: number): boolean {
  const scope = moderatedProjects(user);
  return scope === 'all' || scope.includes(projectId);
}

/** Experts assess only the projects they were granted; admins may act for any. */
export function canAssessProject(user: Who, projectId: number): boolean {
  if (!user) return false;
  return hasRole(user, 'admin') || user.roles.some((g) => g.role === 'expert' && g.projectId === projectId);
}

export function assessedProjects(user: Who): 'all' | number[] {
  if (!user) return [];
  if (hasRole(user, 'admin')) return 'all';
  return user.roles.filter((g) => g.role === 'expert' && g.projectId !== null).map((g) => g.projectId!);
}
