// Survey photo answers in the media store like every other upload (ADR 042, 066): content-addressed objects written
// before the row, read through storedBytes, moved by media:migrate, and swept when no sent answer names them.
import { and, isNull, lt, sql as dsql } from 'drizzle-orm';
import { surveyPhotos } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { removeOrphanMedia, type MediaTable } from '#app/utils/stored-media.server';

export const surveyPhotoMedia: MediaTable = { namespace: 'survey-photos', table: 'survey_photos', bytesColumn: 'bytes', mimeColumn: 'mime_type' };

/**
 * Photos uploaded but named by no sent answer (an abandoned survey, a photo replaced by another), older than
 * MEDIA_ORPHAN_AFTER_MS, are deleted, unless a draft still holds them; then their objects, named by no row, go too.
 * A photo a sent answer names but that is not marked (written by code from before `attached_at`) is marked instead.
 */
export async function removeAbandonedSurveyPhotos(olderThanMs = env.MEDIA_ORPHAN_AFTER_MS): Promise<{ rows: number; objects: number }> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const named = (answers: 'survey_responses' | 'survey_drafts') => dsql`EXISTS (SELECT 1 FROM ${dsql.identifier(answers)} a, jsonb_each_text(a.answers) e
    WHERE a.survey_id = ${surveyPhotos.surveyId} AND e.value = ${surveyPhotos.id}::text)`;
  const unattached = and(isNull(surveyPhotos.attachedAt), lt(surveyPhotos.createdAt, cutoff));
  await db.update(surveyPhotos).set({ attachedAt: dsql`now()` }).where(and(unattached, named('survey_responses')));
  const deleted = await db.delete(surveyPhotos).where(and(unattached, dsql`NOT ${named('survey_drafts')}`)).returning({ id: surveyPhotos.id });
  return { rows: deleted.length, objects: await removeOrphanMedia(surveyPhotoMedia, undefined, olderThanMs) };
}
