import { z } from 'zod';
import { msg, optionalText } from '#app/utils/forms';

export const feedbackSubjects = ['report', 'idea', 'ballot'] as const;
export type FeedbackSubject = (typeof feedbackSubjects)[number];

export const feedbackSchema = z.object({
  subject: z.enum(feedbackSubjects, { error: msg('errors.invalid') }),
  subjectId: z.coerce.number({ error: msg('errors.invalid') }).int(msg('errors.invalid')).positive(msg('errors.invalid')).max(Number.MAX_SAFE_INTEGER, msg('errors.invalid')),
  score: z.enum(['1', '2', '3', '4', '5'], { error: msg('feedback.scoreRequired') }).transform(Number),
  comment: optionalText(1000),
});
