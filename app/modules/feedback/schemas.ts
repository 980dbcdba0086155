import { z } from 'zod';
import { idText, msg, optionalText } from '#app/utils/forms';

export const feedbackSubjects = ['report', 'idea', 'ballot'] as const;
export type FeedbackSubject = (typeof feedbackSubjects)[number];

/** What ratings are grouped by: reports by department or category, ideas by project, votes by ballot. */
export const feedbackGroups = ['department', 'category', 'project', 'ballot'] as const;
export type FeedbackGroup = (typeof feedbackGroups)[number];

/** The staff view's address (`?days=&by=&group=`): anything unknown falls back to the default view. */
export const feedbackViewSchema = z.object({
  days: z.enum(['90', '365']).catch('90').transform(Number),
  by: z.enum(feedbackGroups).catch('department'),
  group: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});

export const feedbackSchema = z.object({
  subject: z.enum(feedbackSubjects, { error: msg('errors.invalid') }),
  subjectId: idText(),
  score: z.enum(['1', '2', '3', '4', '5'], { error: msg('feedback.scoreRequired') }).transform(Number),
  comment: optionalText(1000),
});
