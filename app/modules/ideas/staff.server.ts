import { requirePermission } from '#app/modules/accounts/index.server';
import type { CurrentUser } from '#app/modules/accounts/index.server';
import { canAssessProject, moderatedProjects } from './permissions.server';
import type { Expert } from './assess-idea.server';
import type { Moderator } from './moderate-idea.server';

/** A moderator of ideas (any project or some), else a 403 page. */
export async function requireIdeasModerator(request: Request): Promise<{ user: CurrentUser; moderator: Moderator }> {
  const user = await requirePermission(request, 'ideas.moderate', 'some');
  return { user, moderator: { id: user.id, scope: moderatedProjects(user) } };
}

/** An expert of this project (or an admin), else a 403 page: an expert of another project sees nothing. */
export async function requireProjectExpert(request: Request, projectId: number): Promise<{ user: CurrentUser; expert: Expert }> {
  const user = await requirePermission(request, 'ideas.assess', { projectId });
  return { user, expert: { id: user.id, canAssess: (projectId) => canAssessProject(user, projectId) } };
}


/** The use-cases say "not your project" with this key; the route answers 403 like any other refusal. */
export function forbidIfOtherProject(errors: Record<string, unknown>) {
  if (Object.values(errors).includes('ideas.forbiddenProject')) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
}
