// Who may build a survey and read its results: an admin, or an officer of the survey's own department.
import { eq } from 'drizzle-orm';
import { surveyPhotos, surveys } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { storedBytes } from '#app/utils/stored-media.server';
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

/**
 * A survey photo for the person asking, or null (no such photo, or not theirs to see): the one who uploaded it (an
 * anonymous survey forgets who once it is sent) and the staff who may read that survey's results.
 */
export async function surveyPhotoFor(user: CurrentUser | null, id: string): Promise<{ data: Uint8Array; mimeType: string } | null> {
  if (!user || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
  const [row] = await db
    .select({ data: surveyPhotos.bytes, storageKey: surveyPhotos.storageKey, mimeType: surveyPhotos.mimeType, uploadedBy: surveyPhotos.uploadedBy, departmentId: surveys.departmentId })
    .from(surveyPhotos)
    .innerJoin(surveys, eq(surveys.id, surveyPhotos.surveyId))
    .where(eq(surveyPhotos.id, id));
  if (!row) return null;
  if (row.uploadedBy !== user.id && !can(user, 'surveys.manage', surveyTarget(row.departmentId))) return null;
  const data = await storedBytes(row);
  return data ? { data, mimeType: row.mimeType } : null;
}
