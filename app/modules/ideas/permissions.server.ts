import { can, scopeOf } from '#app/modules/accounts/index.server';
import type { CurrentUser } from '#app/modules/accounts/index.server';

type Who = Pick<CurrentUser, 'roles'> | null;

/** The projects a person moderates: 'all' for admins and city-wide moderators, else the projects of their grants. */
export const moderatedProjects = (user: Who) => scopeOf(user, 'ideas.moderate', 'projectId');

export const canModerateProject = (user: Who, projectId: number) => can(user, 'ideas.moderate', { projectId });

/** Experts assess only the projects they were granted (a city-wide expert, any); admins may act for any. */
export const canAssessProject = (user: Who, projectId: number) => can(user, 'ideas.assess', { projectId });

export const assessedProjects = (user: Who) => scopeOf(user, 'ideas.assess', 'projectId');
