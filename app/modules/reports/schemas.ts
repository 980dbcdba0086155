import { z } from 'zod';
import { idText, intField, msg, optionalText, plainText, requiredText } from '#app/utils/forms';

const coordinate = (min: number, max: number) =>
  z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('reports.pinRequired'))
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/, msg('errors.invalid'))
    .transform(Number)
    .pipe(z.number().min(min, msg('errors.invalid')).max(max, msg('errors.invalid')));

const id = idText({ message: msg('errors.choice') });

/** What the resident describes, from the web form or an Open311 client alike. */
export const reportDescription = plainText(10, 2000).refine((v) => !/<\s*\/?\s*script/i.test(v), msg('errors.markup'));

/** The address typed, or an Open311 client's address_string. */
export const reportAddress = requiredText(300);

/**
 * The report form's address search (ADR 050): a query of the city's address registry, and the address chosen from
 * its matches, which places the report without the map.
 */
export const addressSearchSchema = z.object({
  addressQuery: optionalText(100),
  addressId: z.union([z.literal(''), idText({ message: msg('reports.chooseAddress') })]).optional().transform((v) => (v ? v : undefined)),
});

export const reportSchema = z.object({
  categoryId: id,
  lat: coordinate(-90, 90),
  lng: coordinate(-180, 180),
  address: reportAddress,
  description: reportDescription,
  // "File it anyway": the resident saw the nearby reports and still wants a new one.
  confirmNew: z.enum(['yes']).optional(),
});

const optionalId = id.optional().or(z.literal('').transform(() => undefined));

/** How long a report has waited, as the moderation queue filters it: at least a day, three days, a week. */
export const moderationAges = { '1d': 24, '3d': 72, '7d': 168 } as const;

/** The moderation queue's query string: filters and the page (20 a page, oldest first). */
export const moderationQueuePageSize = 20;
export const moderationQueueQuerySchema = z.object({
  category: optionalId,
  district: optionalId,
  age: z.enum(Object.keys(moderationAges) as [keyof typeof moderationAges], { error: msg('errors.choice') }).optional().or(z.literal('').transform(() => undefined)),
  page: z.string().trim().regex(/^\d{1,4}$/, msg('errors.number')).transform(Number).pipe(z.number().int().min(1, msg('errors.number'))).optional(),
});

export const rejectReasons = ['duplicate', 'not-a-problem', 'not-city', 'offensive', 'no-detail'] as const;

export const moderationSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('approve'),
    reportId: id,
    categoryId: id.optional().or(z.literal('').transform(() => undefined)),
    lat: coordinate(-90, 90).optional().or(z.literal('').transform(() => undefined)),
    lng: coordinate(-180, 180).optional().or(z.literal('').transform(() => undefined)),
  }),
  z.object({
    intent: z.literal('reject'),
    reportId: id,
    reason: z.enum(rejectReasons, { error: msg('errors.choice') }),
    note: optionalText(1000),
  }),
]);

export const answerSchema = z.object({
  reportId: id,
  text: z.string({ error: msg('errors.required') }).trim().min(10, msg('errors.tooShort', { min: 10 })).max(4000, msg('errors.tooLong', { max: 4000 })),
});

export const disputeSchema = z.object({ reportId: id, reason: requiredText(1000) });

export const arbitrationSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('reassign'), reportId: id, departmentId: id, saveException: z.enum(['yes']).optional(), note: optionalText(1000) }),
  z.object({ intent: z.literal('uphold'), reportId: id, note: optionalText(1000) }),
]);

export const rateSchema = z
  .object({ reportId: id, satisfied: z.enum(['yes', 'no'], { error: msg('errors.choice') }), reason: optionalText(1000) })
  .superRefine((v, ctx) => {
    if (v.satisfied === 'no' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: msg('reports.reasonRequired') });
  });

/**
 * An area's feed (ADR 049): a district, or a point and a radius in metres (50 m to 5 km), one or the other.
 * Query strings are strings: the coordinates as the report form takes them.
 */
export const areaFeedQuerySchema = z.union([
  z.object({ district: idText() }).strict(),
  z.object({ lat: coordinate(-90, 90), lng: coordinate(-180, 180), radius: intField(50, 5000) }).strict(),
], { error: msg('errors.invalid') });
