// Read models of the Surveys tool's pages.
import { and, desc, eq, sql as dsql } from 'drizzle-orm';
import { departments, districts, surveyDrafts, surveyParticipations, surveyResponses, surveys } from '#db/schema/index';
import { db, type DbOrTx } from '#app/utils/db.server';
import { definitionSchema, type Answers } from './schemas';

export type Survey = Awaited<ReturnType<typeof getSurvey>> & {};

export async function getSurvey(id: number, tx: DbOrTx = db) {
  const [row] = await tx.select().from(surveys).where(eq(surveys.id, id));
  if (!row) return null;
  return { ...row, definition: definitionSchema.parse(row.definition) };
}

/** Is the survey taking answers now: published, and now within its window. */
export function isOpen(survey: { status: string; opensAt: Date | null; closesAt: Date | null }, now = Date.now()): boolean {
  return survey.status === 'published' && !!survey.opensAt && !!survey.closesAt && survey.opensAt.getTime() <= now && now < survey.closesAt.getTime();
}

/** The published surveys: open ones first (closing soonest first), then the coming and the closed. */
export async function listPublishedSurveys() {
  const rows = await db
    .select({ id: surveys.id, titleRu: surveys.titleRu, titleEn: surveys.titleEn, descriptionRu: surveys.descriptionRu, descriptionEn: surveys.descriptionEn, status: surveys.status, opensAt: surveys.opensAt, closesAt: surveys.closesAt, anonymous: surveys.anonymous, pointsReward: surveys.pointsReward, answers: dsql<number>`(SELECT count(*)::int FROM survey_participations p WHERE p.survey_id = ${surveys.id})` })
    .from(surveys)
    .where(eq(surveys.status, 'published'))
    .orderBy(surveys.closesAt)
    .limit(200);
  const now = Date.now();
  return {
    open: rows.filter((s) => isOpen(s, now)),
    coming: rows.filter((s) => s.opensAt!.getTime() > now),
    closed: rows.filter((s) => s.closesAt!.getTime() <= now).reverse(),
  };
}

/** The surveys a staff member may build: all, or their departments' (a scoped officer). */
export async function listSurveysForStaff(scope: 'all' | number[]) {
  const where = scope === 'all' ? undefined : scope.length ? dsql`${surveys.departmentId} IN ${scope}` : dsql`FALSE`;
  return db
    .select({ id: surveys.id, titleRu: surveys.titleRu, titleEn: surveys.titleEn, status: surveys.status, opensAt: surveys.opensAt, closesAt: surveys.closesAt, departmentId: surveys.departmentId, answers: dsql<number>`(SELECT count(*)::int FROM survey_participations p WHERE p.survey_id = ${surveys.id})` })
    .from(surveys)
    .where(where)
    .orderBy(desc(surveys.id))
    .limit(500);
}

export async function hasAnswered(surveyId: number, userId: string, tx: DbOrTx = db): Promise<boolean> {
  const [row] = await tx.select({ one: dsql`1` }).from(surveyParticipations).where(and(eq(surveyParticipations.surveyId, surveyId), eq(surveyParticipations.userId, userId)));
  return !!row;
}

/** The answers of the sections done so far; for an editable survey answered before, the answer sent. */
export async function draftAnswers(surveyId: number, userId: string, tx: DbOrTx = db): Promise<Answers | null> {
  const [draft] = await tx.select({ answers: surveyDrafts.answers }).from(surveyDrafts).where(and(eq(surveyDrafts.surveyId, surveyId), eq(surveyDrafts.userId, userId)));
  if (draft) return draft.answers as Answers;
  const [sent] = await tx.select({ answers: surveyResponses.answers }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.userId, userId)));
  return sent ? (sent.answers as Answers) : null;
}

/** The districts and departments the details form offers. */
export async function detailsChoices() {
  const [districtRows, departmentRows] = await Promise.all([
    db.select({ id: districts.id, nameRu: districts.nameRu, nameEn: districts.nameEn }).from(districts).orderBy(districts.nameEn),
    db.select({ id: departments.id, nameRu: departments.nameRu, nameEn: departments.nameEn }).from(departments).orderBy(departments.nameEn),
  ]);
  return { districts: districtRows, departments: departmentRows };
}
