import { z } from 'zod';
import { emailField, idText, longText, msg, optionalIntField, optionalText, requiredText, searchText } from '#app/utils/forms';
import { stages } from './stages';

// Ideas, comments and flags are bigserial.
const id = idText({ max: Number.MAX_SAFE_INTEGER, message: msg('errors.invalid') });
const boundedTitle = (min: number, max: number) => requiredText(max).pipe(z.string().min(min, msg('errors.tooShort', { min })));

/** "accessible transport, ramps" → ['accessible transport', 'ramps']: up to 5 tags, each 2–30 letters, digits, spaces or hyphens. */
export const tagsField = z
  .string({ error: msg('errors.invalid') })
  .optional()
  .transform((v) => [...new Set((v ?? '').split(',').map((t) => t.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean))])
  .refine((tags) => tags.length <= 5, msg('ideas.tagsTooMany', { max: 5 }))
  .refine((tags) => tags.every((t) => /^[\p{L}\p{N}][\p{L}\p{N} -]{1,29}$/u.test(t)), msg('ideas.tagsInvalid'));

/** A budget or a cost: whole currency units, below a billion (as a budget ballot's). */
export const amountField = optionalIntField(1, 999_999_999);
const currencyField = z.string({ error: msg('errors.invalid') }).trim().optional().transform((v) => v || undefined).pipe(z.string().regex(/^[A-Z]{3}$/, msg('ideas.currencyFormat')).optional());
/** The name of a district's budget field on the project form. */
export const districtBudgetField = (districtId: number) => `budget-${districtId}`;

export const ideaSchema = z.object({
  title: boundedTitle(5, 150),
  body: longText(20, 5000),
  tags: tagsField,
  // A budget project's idea: the author's estimate (checked against the budget by the use-case).
  proposedCost: amountField,
  // "Propose it anyway": the resident saw the similar ideas and still wants a new one.
  confirmNew: z.enum(['yes']).optional(),
});

export const commentSchema = z.object({ body: longText(2, 2000), parentId: id.optional().or(z.literal('').transform(() => undefined)) });

export const flagSchema = z.object({ reason: requiredText(500), commentId: id.optional().or(z.literal('').transform(() => undefined)) });

export const supportSchema = z.object({ intent: z.enum(['support', 'withdraw'], { error: msg('errors.choice') }) });

/** A page cursor fits its sort: a real UTC timestamp for "newest", a count for the others (anything else: page 1). */
function validCursor(sort: string, after: string | undefined): boolean {
  if (!after) return false;
  const match = /^(.+)_(\d{1,15})$/.exec(after);
  if (!match) return false;
  if (sort !== 'new') return /^\d{1,9}$/.test(match[1]!);
  const at = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/.exec(match[1]!);
  return !!at && !Number.isNaN(Date.parse(`${match[1]!.slice(0, 19)}Z`)) && new Date(`${at[1]}T00:00:00Z`).toISOString().startsWith(at[1]!);
}

export const listQuerySchema = z
  .object({
    sort: z.enum(['new', 'supported', 'discussed']).catch('new'),
    tag: searchText(30).transform((v) => v?.toLowerCase()),
    q: searchText(200),
    after: z.string().max(100).optional().catch(undefined),
  })
  .transform((v) => ({ ...v, after: validCursor(v.sort, v.after) ? v.after : undefined }));

export const moderationSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('hide'), ideaId: id, reason: requiredText(500) }),
  z.object({ intent: z.literal('approve'), ideaId: id }),
  z.object({ intent: z.literal('edit'), ideaId: id, title: boundedTitle(5, 150), body: longText(20, 5000) }),
  z.object({ intent: z.literal('hide-comment'), commentId: id, reason: requiredText(500) }),
  z.object({ intent: z.literal('dismiss-flag'), flagId: id }),
]);

export const mergeSchema = z
  .object({ targetId: id, sourceIds: z.array(id, { error: msg('ideas.mergePickTwo') }).min(1, msg('ideas.mergePickTwo')).max(20) })
  .refine((v) => !v.sourceIds.includes(v.targetId), { path: ['targetId'], message: msg('ideas.mergeTargetIsSource') });

export const verdicts = ['recommend', 'reject', 'needs_work'] as const;
const scoreField = z
  .string({ error: msg('errors.required') })
  .trim()
  .min(1, msg('errors.required'))
  .regex(/^[1-5]$/, msg('errors.range', { min: 1, max: 5 }))
  .transform(Number);

export const feasibilities = ['feasible', 'infeasible'] as const;

/** The experts' cost and verdict on a budget idea: a feasible one has a cost, a not feasible one its reasons. */
export const costSchema = z
  .object({
    intent: z.literal('cost'),
    ideaId: id,
    feasibility: z.enum(feasibilities, { error: msg('errors.choice') }),
    cost: amountField,
    reason: optionalText(2000),
    // The budget that pays: empty for the city's, else a district's.
    districtId: z.string({ error: msg('errors.choice') }).trim().optional().transform((v) => v || undefined).pipe(z.string().regex(/^\d{1,9}$/, msg('errors.choice')).transform(Number).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.feasibility === 'feasible' && v.cost === undefined) ctx.addIssue({ code: 'custom', path: ['cost'], message: msg('ideas.costNeeded') });
    if (v.feasibility === 'infeasible' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: msg('ideas.reasonNeeded') });
  });

export const expertSchema = z.discriminatedUnion('intent', [
  costSchema,
  z.object({ intent: z.literal('assess'), ideaId: id, score: scoreField, verdict: z.enum(verdicts, { error: msg('errors.choice') }), note: optionalText(2000) }),
  z.object({ intent: z.literal('shortlist'), ideaId: id }),
  z.object({ intent: z.literal('unshortlist'), ideaId: id }),
]);

const dateField = z
  .string({ error: msg('errors.required') })
  .trim()
  .min(1, msg('errors.required'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('ideas.dateFormat'))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), msg('ideas.dateFormat'));

const stageDates = Object.fromEntries(stages.flatMap((s) => [[`${s}Starts`, dateField], [`${s}Ends`, dateField]])) as Record<`${(typeof stages)[number]}${'Starts' | 'Ends'}`, typeof dateField>;

/** The most districts a project's audience may tick: far above any city's, a bound on the input only. */
export const maxProjectDistricts = 1000;

export const projectSchema = z
  .object({
    slug: z
      .string({ error: msg('errors.required') })
      .trim()
      .min(1, msg('errors.required'))
      .max(60, msg('errors.tooLong', { max: 60 }))
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, msg('ideas.slugFormat')),
    titleRu: boundedTitle(3, 150),
    titleEn: boundedTitle(3, 150),
    descriptionRu: longText(10, 5000),
    descriptionEn: longText(10, 5000),
    // Bounded by the city's districts: the body's field cap (projectFormFieldCap) grows with their number.
    districtIds: z.array(z.string().trim().regex(/^\d{1,9}$/, msg('errors.choice')).transform(Number)).max(maxProjectDistricts),
    budget: amountField,
    currency: currencyField,
    ...stageDates,
  })
  // The districts' budgets arrive as `budget-<districtId>` fields, one per district of the city.
  .catchall(z.unknown())
  .superRefine((v, ctx) => {
    let previousEnd = '';
    for (const s of stages) {
      const start = v[`${s}Starts`];
      const end = v[`${s}Ends`];
      if (start > end) ctx.addIssue({ code: 'custom', path: [`${s}Ends`], message: msg('ideas.stageEndsBeforeStart') });
      else if (previousEnd && start < previousEnd) ctx.addIssue({ code: 'custom', path: [`${s}Starts`], message: msg('ideas.stageOverlaps') });
      previousEnd = end;
    }
    const districtBudgets = readDistrictBudgets(v);
    for (const key of districtBudgets.invalid) ctx.addIssue({ code: 'custom', path: [key], message: msg('errors.range', { min: 1, max: 999_999_999 }) });
    const budgeted = v.budget !== undefined || districtBudgets.values.length > 0;
    if (budgeted && v.currency === undefined) ctx.addIssue({ code: 'custom', path: ['currency'], message: msg('ideas.currencyNeeded') });
    if (!budgeted && v.currency !== undefined) ctx.addIssue({ code: 'custom', path: ['budget'], message: msg('ideas.budgetNeeded') });
  })
  .transform((v) => ({ ...(Object.fromEntries(Object.entries(v).filter(([key]) => !key.startsWith('budget-'))) as typeof v), districtBudgets: readDistrictBudgets(v).values }));

/** `budget-<districtId>` fields: the amounts given (empty ones skipped) and the names of those that are not an amount. */
function readDistrictBudgets(fields: Record<string, unknown>): { values: { districtId: number; budget: number }[]; invalid: string[] } {
  const values: { districtId: number; budget: number }[] = [];
  const invalid: string[] = [];
  for (const [key, raw] of Object.entries(fields)) {
    const district = /^budget-(\d{1,9})$/.exec(key);
    if (!district) continue;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '' && typeof raw === 'string') continue;
    const amount = amountField.safeParse(text);
    if (amount.success && amount.data !== undefined) values.push({ districtId: Number(district[1]), budget: amount.data });
    else invalid.push(key);
  }
  return { values, invalid };
}

export const projectAdminSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('advance-stage'), stage: z.enum(stages, { error: msg('errors.choice') }) }),
  z.object({ intent: z.literal('grant'), email: emailField(), role: z.enum(['expert', 'moderator'], { error: msg('errors.choice') }) }),
  z.object({ intent: z.literal('send-to-vote') }),
  z.object({ intent: z.literal('revoke'), grantId: z.uuid(msg('errors.invalid')) }),
]);
