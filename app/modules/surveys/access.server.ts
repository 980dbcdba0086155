// Who may build a survey and read its results: an admin, or an officer of the survey's own department.
import { can, requirePermission, type CurrentUser } from '#app/modules/accounts/index.server';
import { getSurvey } from './queries.server';

export const surveyTarget = (departmentId: number | null) => (departmentId ? { departmentId } : undefined);

/** The survey and the staff member allowed to manage it, else a 404 (no such survey) or a 403 page. */
export async function requireSurveyManager(request: Request, surveyId: number): Promise<{ user: CurrentUser; survey: NonNullable<Awaited<ReturnType<typeof getSurvey>>> }> {
  const user = await requirePermission(request, 'surveys.manage', 'some');
  const survey = await getSurvey(surveyId);
  if (!survey) throw new Response('Not found', { status: 404 });
  if (!can(user, 'surveys.manage', surveyTarget(survey.departmentId))) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return { user, survey };
}
