import { z } from 'zod';
import { dayText, idText, intField, msg, requiredText, searchText } from '#app/utils/forms';

/** Seconds exist for tests and drills (an SLA that runs out while you watch); the form offers the other three. */
export const slaUnits = ['working_days', 'calendar_days', 'hours', 'seconds'] as const;

const slug = (max: number) =>
  z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .max(max, msg('errors.tooLong', { max }))
    .regex(/^[a-z0-9][a-z0-9_-]*$/, msg('errors.invalid'));

const id = idText({ message: msg('errors.invalid') });
const idList = z.array(id, { error: msg('errors.invalid') }).max(500);

export const departmentSchema = z.object({
  id: id.optional(),
  nameRu: requiredText(200),
  nameEn: requiredText(200),
  kind: slug(40),
  email: z.string({ error: msg('errors.required') }).trim().min(1, msg('errors.required')).max(254, msg('errors.tooLong', { max: 254 })).pipe(z.email(msg('errors.email'))),
  districtIds: idList,
});

export const categorySchema = z.object({
  id: id.optional(),
  code: slug(60),
  nameRu: requiredText(200),
  nameEn: requiredText(200),
  groupRu: requiredText(100),
  groupEn: requiredText(100),
  departmentKind: slug(40),
  answerSla: intField(1, 1000),
  answerSlaUnit: z.enum(slaUnits, { error: msg('errors.choice') }),
  moderationSlaHours: intField(1, 720),
}).transform(({ moderationSlaHours, ...rest }) => ({ ...rest, moderationSlaSeconds: moderationSlaHours * 3600 }));

export const holidaySchema = z.object({
  day: dayText(),
  nameRu: requiredText(100),
  nameEn: requiredText(100),
});

export const removeHolidaySchema = z.object({ day: dayText() });

/** One feature of a district import, before PostGIS checks the geometry itself. */
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4).refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1]);
export const districtGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
export const districtPropertiesSchema = z.object({
  code: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9_-]+$/),
  name_ru: z.string().trim().min(1).max(200).refine((v) => !/[<>]/.test(v)),
  name_en: z.string().trim().min(1).max(200).refine((v) => !/[<>]/.test(v)),
});

/** The address registry's search (`/addresses.json?q=`): one line of 2 to 100 characters, anything else a 400 with the field's message. */
export const addressLookupSchema = z.object({
  q: searchText(100).refine((q) => q !== undefined && q.length >= 2, msg('city.addressQueryTooShort')),
});
