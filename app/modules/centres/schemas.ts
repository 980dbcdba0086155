import { z } from 'zod';
import { idText, intField, msg, noMarkup, optionalText, plainText, requiredText, dayText } from '#app/utils/forms';
import { wallClockPattern } from '#app/utils/time-zone';

/** ISO weekdays 1–7, and 0: the days of the holiday calendar. */
export const hourDays = [1, 2, 3, 4, 5, 6, 7, 0] as const;
export type HourDay = (typeof hourDays)[number];

export const lifeSituations = ['birth', 'moving', 'documents', 'family', 'retirement', 'business'] as const;
export type LifeSituation = (typeof lifeSituations)[number];

const hoursPattern = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-3]):([0-5]\d)$/;

/** A day's hours as typed: "08:00-20:00" (or with an en dash), empty for closed; the opening before the closing. */
export function hoursText() {
  return z
    .string({ error: msg('errors.invalid') })
    .trim()
    .max(20, msg('errors.tooLong', { max: 20 }))
    .optional()
    .transform((v) => v ?? '')
    .refine((v) => v === '' || hoursPattern.test(v), msg('centres.hoursFormat'))
    .transform((v) => {
      const m = hoursPattern.exec(v);
      return m ? { opens: `${m[1]}:${m[2]}`, closes: `${m[3]}:${m[4]}` } : null;
    })
    .refine((v) => !v || v.opens < v.closes, msg('centres.hoursOrder'));
}

const latitude = z.string({ error: msg('errors.required') }).trim().min(1, msg('errors.required')).regex(/^-?\d{1,2}(\.\d{1,8})?$/, msg('errors.number')).transform(Number).pipe(z.number().min(-90, msg('errors.range', { min: -90, max: 90 })).max(90, msg('errors.range', { min: -90, max: 90 })));
const longitude = z.string({ error: msg('errors.required') }).trim().min(1, msg('errors.required')).regex(/^-?\d{1,3}(\.\d{1,8})?$/, msg('errors.number')).transform(Number).pipe(z.number().min(-180, msg('errors.range', { min: -180, max: 180 })).max(180, msg('errors.range', { min: -180, max: 180 })));

/** The key an import or a form matches a row on: lower-case letters, digits and hyphens. */
function codeText() {
  return z.string({ error: msg('errors.required') }).trim().min(1, msg('errors.required')).max(40, msg('errors.tooLong', { max: 40 })).regex(/^[a-z0-9-]+$/, msg('centres.codeFormat'));
}

/** One centre, from the admin form or one row of an import: the same fields, the same messages. */
export const centreSchema = z.object({
  code: codeText(),
  nameRu: requiredText(200),
  nameEn: requiredText(200),
  addressRu: requiredText(300),
  addressEn: requiredText(300),
  latitude,
  longitude,
  windows: intField(1, 99),
  slotMinutes: intField(5, 120),
  accessibilityRu: optionalText(1000),
  accessibilityEn: optionalText(1000),
  hours1: hoursText(),
  hours2: hoursText(),
  hours3: hoursText(),
  hours4: hoursText(),
  hours5: hoursText(),
  hours6: hoursText(),
  hours7: hoursText(),
  hours0: hoursText(),
  serviceIds: z.array(idText({ message: msg('errors.choice') })).max(200, msg('errors.choice')),
});
export type CentreInput = z.output<typeof centreSchema>;

/** The page of free slots: which service, which day (the city's calendar); both optional in the address. */
export const slotsQuerySchema = z.object({
  service: idText().optional().catch(undefined),
  day: dayText().optional().catch(undefined),
});

/** Booking a slot: the service and the slot's wall-clock start in the city's time. */
export const bookSchema = z.object({
  serviceId: idText({ message: msg('centres.chooseService') }),
  slot: z.string({ error: msg('centres.chooseSlot') }).trim().regex(wallClockPattern, msg('centres.chooseSlot')),
  /** A visit to move instead of a new one. */
  visitId: idText().optional(),
});

export const visitActionSchema = z.object({ visitId: idText() });

/** Staff at the desk: a visit served or missed. */
export const markVisitSchema = z.object({ visitId: idText(), outcome: z.enum(['served', 'no_show'], { error: msg('errors.choice') }) });

/** A service of the catalogue; the documents to bring, one a line. */
export const serviceSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, msg('centres.codeFormat')),
  situation: z.enum(lifeSituations, { error: msg('errors.choice') }),
  nameRu: requiredText(200),
  nameEn: requiredText(200),
  descriptionRu: requiredText(2000),
  descriptionEn: requiredText(2000),
  documentsRu: z.array(requiredText(300)).min(1).max(30),
  documentsEn: z.array(requiredText(300)).min(1).max(30),
  durationMinutes: z.number().int().min(1).max(480),
});
export type ServiceInput = z.output<typeof serviceSchema>;

const maxDocuments = 30;
/** Documents to bring as typed into a text area, one a line: blank lines dropped, each line a bounded plain text. */
function documentLines() {
  return plainText(1, maxDocuments * 301)
    .refine(noMarkup, msg('errors.markup'))
    .transform((v) => v.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
    .pipe(z.array(requiredText(300)).max(maxDocuments, msg('services.tooManyDocuments', { max: maxDocuments })));
}

/** The admin's form for a service: the catalogue's fields as typed (the documents one a line), and the centres offering it. */
export const serviceFormSchema = serviceSchema.extend({
  code: codeText(),
  documentsRu: documentLines(),
  documentsEn: documentLines(),
  durationMinutes: intField(1, 480),
  centreIds: z.array(idText({ message: msg('errors.choice') })).max(500, msg('errors.choice')),
});
export type ServiceFormInput = z.output<typeof serviceFormSchema>;

/** A service's standing on its admin page: withdrawn, listed again, or deleted (only with the confirmation's `yes`). */
export const serviceStandingSchema = z.object({
  intent: z.enum(['withdraw', 'restore', 'delete'], { error: msg('errors.choice') }),
  confirm: z.literal('yes', { error: msg('services.deleteUnconfirmed') }).optional(),
});

/** The desk's queue controls. */
export const issueTicketSchema = z.object({ serviceId: idText({ message: msg('centres.chooseService') }) });
export const callNextSchema = z.object({ window: intField(1, 99) });
export const finishTicketSchema = z.object({ ticketId: idText(), outcome: z.enum(['served', 'no_show'], { error: msg('errors.choice') }) });

