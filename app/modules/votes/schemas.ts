import { z } from 'zod';
import { idText, msg, optionalIntField, requiredText } from '#app/utils/forms';
import { wallClockPattern, wallClockToInstant } from '#app/utils/time-zone';
import type { CountingRule, QuestionKind } from './count-question';

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

/** The rules each kind of question may be counted by; the first is the default. */
export const rulesOf = {
  single: ['plurality'],
  multiple: ['plurality'],
  ranked: ['schulze', 'instant-runoff'],
  graded: ['majority-judgment'],
  budget: ['equal-shares', 'greedy'],
} as const satisfies Record<QuestionKind, readonly CountingRule[]>;

/** A budget or a cost: whole currency units, below a billion. */
const amount = optionalIntField(1, 999_999_999);

export const questionSchema = z
  .object({
    textRu: requiredText(300),
    textEn: requiredText(300),
    kind: z.enum(['single', 'multiple', 'ranked', 'graded', 'budget'], { error: msg('errors.choice') }),
    maxChoices: optionalIntField(1, 100),
    rule: z.enum(['plurality', 'schulze', 'instant-runoff', 'majority-judgment', 'greedy', 'equal-shares'], { error: msg('errors.choice') }).optional().or(z.literal('').transform(() => undefined)),
    cart: z.enum(['knapsack', 'approval'], { error: msg('errors.choice') }).optional().or(z.literal('').transform(() => undefined)),
    budget: amount,
    minSpend: optionalIntField(0, 999_999_999),
    currency: z.string().trim().optional().transform((v) => v || undefined).pipe(z.string().regex(/^[A-Z]{3}$/, msg('votes.currencyFormat')).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'single' && (v.maxChoices ?? 1) !== 1) ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: msg('votes.singleMaxOne') });
    if ((v.kind === 'ranked' || v.kind === 'graded') && (v.maxChoices ?? 1) !== 1) ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: msg('votes.singleMaxOne') });
    if (v.rule && !(rulesOf[v.kind] as readonly string[]).includes(v.rule)) ctx.addIssue({ code: 'custom', path: ['rule'], message: msg('votes.ruleMismatch') });
    if (v.kind === 'budget') {
      if (v.budget === undefined) ctx.addIssue({ code: 'custom', path: ['budget'], message: msg('votes.budgetNeeded') });
      if (v.currency === undefined) ctx.addIssue({ code: 'custom', path: ['currency'], message: msg('votes.budgetNeeded') });
      if (v.budget !== undefined && v.minSpend !== undefined && v.minSpend > v.budget) ctx.addIssue({ code: 'custom', path: ['minSpend'], message: msg('votes.minAboveBudget') });
    } else {
      for (const field of ['cart', 'budget', 'minSpend', 'currency'] as const) if (v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: msg('votes.budgetOnly') });
    }
  })
  .transform(({ cart, budget, minSpend, currency, ...v }) => ({
    ...v,
    // A budget question without a count limit is a knapsack: as many projects as fit.
    maxChoices: v.maxChoices ?? (v.kind === 'budget' ? 100 : 1),
    rule: v.rule ?? rulesOf[v.kind][0],
    cart: v.kind === 'budget' ? (cart ?? 'knapsack') : null,
    budget: budget ?? null,
    minSpend: minSpend ?? null,
    currency: currency ?? null,
  }));

export const optionSchema = z.object({ questionId: id, labelRu: requiredText(200), labelEn: requiredText(200), cost: amount });
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
  // The total spent so far on a funded decision, whole currency units; empty leaves it as it is.
  amountSpent: optionalIntField(0, 999_999_999),
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
