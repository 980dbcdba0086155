import { z } from 'zod';
import { idText, msg, optionalIntField, requiredText } from '#app/utils/forms';
import { wallClockPattern, wallClockToInstant } from '#app/utils/time-zone';

const id = idText({ message: msg('errors.choice') });
const longText = (max: number) =>
  z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .max(max, msg('errors.tooLong', { max }))
    .refine((v) => !/[<>]/.test(v), msg('errors.markup'));

/** A date and time typed in the city's time, as a datetime-local field sends it; a time the clocks skip is refused. */
const cityDateTime = (timeZone: string) =>
  z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .regex(wallClockPattern, msg('votes.dateFormat'))
    .transform((v, ctx) => wallClockToInstant(v, timeZone) ?? (ctx.addIssue({ code: 'custom', message: msg('votes.timeSkipped') }), z.NEVER));
const checkbox = z.enum(['on', 'yes', 'true'], { error: msg('errors.choice') }).optional().transform((v) => !!v);

export const newBallotSchema = z.object({
  titleRu: requiredText(200),
  titleEn: requiredText(200),
  descriptionRu: longText(4000),
  descriptionEn: longText(4000),
});

/** A ballot's details; its times are read in the city's time zone (`CITY_TIMEZONE`). */
export const ballotDetailsSchema = (timeZone: string) =>
  newBallotSchema
    .extend({
      opensAt: cityDateTime(timeZone),
      closesAt: cityDateTime(timeZone),
      minAge: optionalIntField(14, 120),
      maxAge: optionalIntField(14, 120),
      verifiedOnly: checkbox,
      hideResultsUntilClose: checkbox,
      pointsReward: optionalIntField(0, 1000).transform((v) => v ?? 0),
      districtIds: z.array(id, { error: msg('errors.choice') }).max(100, msg('errors.choice')),
    })
    .superRefine((v, ctx) => {
      if (v.opensAt >= v.closesAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: msg('votes.closesBeforeOpens') });
      if (v.minAge !== undefined && v.maxAge !== undefined && v.minAge > v.maxAge) ctx.addIssue({ code: 'custom', path: ['maxAge'], message: msg('votes.ageRange') });
    });
export type BallotDetails = z.output<ReturnType<typeof ballotDetailsSchema>>;

export const questionSchema = z
  .object({
    textRu: requiredText(300),
    textEn: requiredText(300),
    kind: z.enum(['single', 'multiple'], { error: msg('errors.choice') }),
    maxChoices: optionalIntField(1, 20).transform((v) => v ?? 1),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'single' && v.maxChoices !== 1) ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: msg('votes.singleMaxOne') });
  });

export const optionSchema = z.object({ questionId: id, labelRu: requiredText(200), labelEn: requiredText(200) });
export const removeOptionSchema = z.object({ optionId: id });
export const removeQuestionSchema = z.object({ questionId: id });
export const moveDirection = z.enum(['up', 'down'], { error: msg('errors.choice') });
export const moveQuestionSchema = z.object({ questionId: id, direction: moveDirection });
export const moveOptionSchema = z.object({ optionId: id, direction: moveDirection });

export const rewardSpendSchema = z.object({ rewardId: id });

export const implementationItemSchema = z.object({
  titleRu: requiredText(200),
  titleEn: requiredText(200),
  departmentId: id.optional().or(z.literal('').transform(() => undefined)),
  dueOn: z
    .string({ error: msg('errors.required') })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg('votes.dateFormat'))
    .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), msg('votes.dateFormat')),
});

export const progressUpdateSchema = z.object({
  itemId: id,
  text: longText(2000),
  progress: optionalIntField(0, 100).pipe(z.number({ error: msg('errors.required') })),
  status: z.enum(['planned', 'in_progress', 'done'], { error: msg('errors.choice') }),
});

/** A receipt as `newReceipt` makes it: 32 Crockford base32 characters; dashes, spaces and case are forgiven. */
export const receiptSchema = z.object({
  receipt: z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .max(64, msg('votes.receiptFormat'))
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{32}$/, msg('votes.receiptFormat'))),
});
