import { z } from 'zod';
import { idText, msg, optionalText } from '#app/utils/forms';

/** Everything a person can rate (ADR 050), as the weekly series of /stats shows them. */
export const ratedSubjects = ['report', 'idea', 'ballot', 'visit'] as const;
export const feedbackSubjects = ratedSubjects;
export type FeedbackSubject = (typeof ratedSubjects)[number];

/** The points of interaction of each subject, in the order a person reaches them (ADR 050). */
export const stagesOf = {
  report: ['filed', 'moderated', 'answered'],
  idea: ['reviewed'],
  ballot: ['cast'],
  visit: ['booked', 'served'],
} as const satisfies Record<FeedbackSubject, readonly string[]>;
export const feedbackStages = ['filed', 'moderated', 'answered', 'reviewed', 'cast', 'booked', 'served'] as const;
export type FeedbackStage = (typeof feedbackStages)[number];

/** The optional dimensions rated beside the overall score, as the city's client-centricity standard lists them. */
export const feedbackDimensions = ['clarity', 'speed', 'conduct', 'waiting', 'result'] as const;
export type FeedbackDimension = (typeof feedbackDimensions)[number];

/** What ratings are grouped by: reports by department or category, ideas by project, votes by ballot, visits by centre or service. */
export const feedbackGroups = ['department', 'category', 'project', 'ballot', 'centre', 'service'] as const;
export type FeedbackGroup = (typeof feedbackGroups)[number];

/** The staff view's address (`?days=&by=&group=`): anything unknown falls back to the default view. */
export const feedbackViewSchema = z.object({
  days: z.enum(['90', '365']).catch('90').transform(Number),
  by: z.enum(feedbackGroups).catch('department'),
  group: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});

const scoreOf = (message: Parameters<typeof msg>[0]) => z.enum(['1', '2', '3', '4', '5'], { error: msg(message) }).transform(Number);
/** A dimension left blank (or "not rated") is skipped, never a 0. */
const optionalScore = z
  .union([z.literal(''), z.enum(['1', '2', '3', '4', '5'])], { error: msg('feedback.dimensionRange') })
  .optional()
  .transform((v) => (v ? Number(v) : undefined));

export const feedbackSchema = z
  .object({
    subject: z.enum(ratedSubjects, { error: msg('errors.invalid') }),
    subjectId: idText(),
    // A form from before stages (or a page that rates the end of an interaction) rates its last stage.
    stage: z.enum(feedbackStages, { error: msg('errors.invalid') }).optional(),
    score: scoreOf('feedback.scoreRequired'),
    clarity: optionalScore,
    speed: optionalScore,
    conduct: optionalScore,
    waiting: optionalScore,
    result: optionalScore,
    comment: optionalText(1000),
  })
  .transform((v, ctx) => {
    const stages: readonly FeedbackStage[] = stagesOf[v.subject];
    const stage = v.stage ?? stages[stages.length - 1]!;
    if (!stages.includes(stage)) {
      ctx.addIssue({ code: 'custom', path: ['stage'], message: msg('errors.invalid') });
      return z.NEVER;
    }
    return { ...v, stage };
  });
