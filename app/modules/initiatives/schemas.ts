import { z } from 'zod';
import { idText, longText, msg, optionalIdText, requiredText } from '#app/utils/forms';

// Initiatives are bigserial.
const id = idText({ max: Number.MAX_SAFE_INTEGER, message: msg('errors.invalid') });

/** A new initiative: its scope is a district's id, or "city" for the whole city (a choice the form must make). */
export const initiativeSchema = z.object({
  title: requiredText(150).pipe(z.string().min(10, msg('errors.tooShort', { min: 10 }))),
  body: longText(50, 8000),
  scope: z
    .string({ error: msg('initiatives.scopeRequired') })
    .trim()
    .min(1, msg('initiatives.scopeRequired'))
    .regex(/^(city|\d{1,9})$/, msg('initiatives.scopeRequired'))
    .transform((v) => (v === 'city' ? null : Number(v))),
});

export const supportSchema = z.object({ intent: z.enum(['support', 'withdraw'], { error: msg('errors.choice') }) });

export const moderationSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), initiativeId: id }),
  z.object({ intent: z.literal('reject'), initiativeId: id, reason: requiredText(500) }),
], { error: msg('errors.choice') });

/** The experts' decision on an initiative that reached its threshold: an answer with reasons, or a city ballot. */
export const reviewSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('answer'), answer: longText(20, 5000) }),
  z.object({ intent: z.literal('send-to-vote') }),
], { error: msg('errors.choice') });

export const initiativeFilters = ['open', 'successful', 'answered', 'expired'] as const;
export type InitiativeFilter = (typeof initiativeFilters)[number];

export const listQuerySchema = z.object({
  status: z.enum(initiativeFilters).catch('open'),
  district: optionalIdText().catch(undefined),
});
