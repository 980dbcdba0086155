// A resident answers a survey one section per page. Each page's answers are checked and kept in a draft; the last
// page sends the whole set, re-checked against the logic, in one transaction: the participation (who, unique per
// person), the response (what; without the person when the survey is anonymous) and the points.
import { and, eq, inArray, isNotNull, notInArray, sql as dsql } from 'drizzle-orm';
import { surveyDrafts, surveyParticipations, surveyPhotos, surveyResponses, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { storeUpload } from '#app/utils/stored-media.server';
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { processPhoto } from '#app/modules/reports/index.server';
import { awardPoints, ineligibility } from '#app/modules/votes/index.server';
import { checkAnswers, fieldNamesOf, keepVisible, nextSection, pathOf, readAnswer, type FormValues } from './logic';
import { surveyPhotoMedia } from './media.server';
import { draftAnswers, getSurvey, hasAnswered, isOpen, type Survey } from './queries.server';
import type { Answers, Question } from './schemas';

export type AnswerErrors = Partial<Record<string, string>> & { form?: string };
export type SectionOutcome = { next: string } | { sent: true; edited: boolean };

/** Why a person may not answer (a message key), or null when they may. */
export async function whyNotAnswer(survey: Survey, userId: string): Promise<MessageKey | null> {
  if (!isOpen(survey)) return 'surveys.notOpen';
  const [person] = await db.select({ verified: users.verified, districtId: users.districtId, birthYear: users.birthYear }).from(users).where(eq(users.id, userId));
  if (!person) return 'surveys.notFound';
  const why = ineligibility({ verifiedOnly: survey.verifiedOnly, minAge: survey.minAge, maxAge: survey.maxAge, districtIds: survey.districtIds }, person);
  if (why) return why;
  if ((!survey.editable || survey.anonymous) && (await hasAnswered(survey.id, userId))) return 'surveys.alreadyAnswered';
  return null;
}

/** A photo answer: a new file re-encoded and stored as the person's, or one they uploaded earlier to this survey. */
async function photoAnswer(survey: Survey, userId: string, q: Question, get: FormValues, file: File | null): Promise<Result<string | undefined, MessageKey>> {
  if (file && file.size > 0) {
    const photo = await processPhoto(file);
    if (!photo.ok) return { ok: false, errors: photo.errors.key };
    // The object is written before the row (ADR 066): a failed insert leaves an orphan for the sweeper.
    const stored = await storeUpload(surveyPhotoMedia.namespace, photo.value.data, photo.value.mimeType);
    const [row] = await db.insert(surveyPhotos).values({ surveyId: survey.id, uploadedBy: userId, mimeType: photo.value.mimeType, bytes: stored.data, storageKey: stored.storageKey }).returning({ id: surveyPhotos.id });
    return { ok: true, value: row!.id };
  }
  const kept = (get(`${q.id}.kept`)[0] ?? '').trim();
  if (!kept) return { ok: true, value: undefined };
  const [mine] = /^[0-9a-f-]{36}$/.test(kept)
    ? await db.select({ id: surveyPhotos.id }).from(surveyPhotos).where(and(eq(surveyPhotos.id, kept), eq(surveyPhotos.surveyId, survey.id), eq(surveyPhotos.uploadedBy, userId)))
    : [];
  return mine ? { ok: true, value: mine.id } : { ok: false, errors: 'errors.choice' };
}

/**
 * One section's answers from its page. A section off the person's path, or an answer to a question the logic hides,
 * is refused; otherwise the answers join the draft (dropping what a changed earlier answer no longer asks), and
 * the outcome is the next section, or the survey sent when this was the last.
 */
export async function answerSection(userId: string, surveyId: number, sectionId: string, get: FormValues, photo: File | null = null): Promise<Result<SectionOutcome, AnswerErrors>> {
  const survey = await getSurvey(surveyId);
  if (!survey || survey.status !== 'published') return { ok: false, errors: { form: 'surveys.notFound' } };
  const why = await whyNotAnswer(survey, userId);
  if (why) return { ok: false, errors: { form: why } };
  const draft = (await draftAnswers(surveyId, userId)) ?? {};
  const path = pathOf(survey.definition, draft);
  const section = path.sections.find((s) => s.id === sectionId);
  if (!section) return { ok: false, errors: { form: 'surveys.notOnPath' } };
  const errors: AnswerErrors = {};
  const answers: Answers = {};
  for (const q of section.questions) {
    if (!path.visible.has(q.id)) {
      if (fieldNamesOf(q).some((name) => get(name).some((v) => v.trim() !== ''))) errors.form = 'surveys.hiddenAnswered';
      continue;
    }
    let photoId: string | undefined;
    if (q.kind === 'photo') {
      const stored = await photoAnswer(survey, userId, q, get, photo);
      if (!stored.ok) {
        errors[q.id] = stored.errors;
        continue;
      }
      photoId = stored.value;
    }
    const read = readAnswer(q, get, photoId);
    if (read.error) errors[q.id] = read.error;
    else if (read.value !== undefined) answers[q.id] = read.value;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const mine = new Set(section.questions.map((q) => q.id));
  const merged = keepVisible(survey.definition, { ...Object.fromEntries(Object.entries(draft).filter(([id]) => !mine.has(id))), ...answers });
  const next = nextSection(survey.definition, merged, sectionId);
  if (next) {
    await db
      .insert(surveyDrafts)
      .values({ surveyId, userId, answers: merged })
      .onConflictDoUpdate({ target: [surveyDrafts.surveyId, surveyDrafts.userId], set: { answers: merged, updatedAt: new Date() } });
    return { ok: true, value: { next: next.id } };
  }
  return sendSurvey(userId, survey, merged);
}

/**
 * Sends the whole answer set. The survey row is share-locked and its window checked in the same transaction; the
 * participation's primary key decides between two sends at once (two tabs, a double click).
 */
export async function sendSurvey(userId: string, survey: Survey, answers: Answers): Promise<Result<SectionOutcome, AnswerErrors>> {
  const problems = checkAnswers(survey.definition, answers);
  if (Object.keys(problems).length) return { ok: false, errors: { ...problems, form: 'surveys.fixAnswers' } };
  return db.transaction(async (tx): Promise<Result<SectionOutcome, AnswerErrors>> => {
    const [state] = await tx.execute<{ open: boolean }>(dsql`SELECT (status = 'published' AND now() >= opens_at AND now() < closes_at) AS open FROM surveys WHERE id = ${survey.id} FOR SHARE`);
    if (!state?.open) return { ok: false, errors: { form: 'surveys.notOpen' } };
    const inserted = await tx.insert(surveyParticipations).values({ surveyId: survey.id, userId }).onConflictDoNothing().returning({ userId: surveyParticipations.userId });
    let edited = false;
    if (inserted.length) {
      await tx.insert(surveyResponses).values({ surveyId: survey.id, userId: survey.anonymous ? null : userId, answers });
    } else if (survey.editable && !survey.anonymous) {
      await tx.update(surveyResponses).set({ answers }).where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.userId, userId)));
      edited = true;
    } else {
      return { ok: false, errors: { form: 'surveys.alreadyAnswered' } };
    }
    // The sent answer's photos are attached (kept by the sweep); an anonymous survey's no longer say whose they are.
    const photoIds = survey.definition.sections.flatMap((s) => s.questions).filter((q) => q.kind === 'photo').map((q) => answers[q.id]).filter((v): v is string => typeof v === 'string');
    if (photoIds.length) await tx.update(surveyPhotos).set({ attachedAt: dsql`now()`, ...(survey.anonymous ? { uploadedBy: null } : {}) }).where(inArray(surveyPhotos.id, photoIds));
    // An edited answer's earlier photo, no longer named, is left for the sweep.
    if (edited) {
      const mine = and(eq(surveyPhotos.surveyId, survey.id), eq(surveyPhotos.uploadedBy, userId), isNotNull(surveyPhotos.attachedAt));
      await tx.update(surveyPhotos).set({ attachedAt: null }).where(photoIds.length ? and(mine, notInArray(surveyPhotos.id, photoIds)) : mine);
    }
    await tx.delete(surveyDrafts).where(and(eq(surveyDrafts.surveyId, survey.id), eq(surveyDrafts.userId, userId)));
    if (!edited) await awardPoints(tx, userId, survey.pointsReward, { reason: 'survey', surveyId: survey.id });
    return { ok: true, value: { sent: true, edited } };
  });
}
