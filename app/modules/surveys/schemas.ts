// The Surveys tool's shapes (client-safe): a survey's definition (sections, questions, logic), the canonical value
// of each kind of answer, and the builder's forms. The logic itself is in logic.ts.
import { z } from 'zod';
import { dayText, intField, msg, optionalIntField, optionalText, plainText, requiredText } from '#app/utils/forms';

export const questionKinds = ['single', 'multiple', 'scale', 'short', 'long', 'number', 'date', 'ranking', 'matrix', 'point', 'photo'] as const;
export type QuestionKind = (typeof questionKinds)[number];
/** Kinds whose answer is one or more of the question's options: what logic and cross-tabulation read. */
export const choiceKinds = ['single', 'multiple'] as const satisfies QuestionKind[];
export const optionKinds = ['single', 'multiple', 'ranking'] as const satisfies QuestionKind[];
export const scales = { '1-5': [1, 5], '0-10': [0, 10] } as const;
export type ScaleName = keyof typeof scales;

const bilingual = (max: number) => z.object({ ru: requiredText(max), en: requiredText(max) });
const optionalBilingual = z.object({ ru: z.string().max(1000), en: z.string().max(1000) });
const option = z.object({ id: z.string().regex(/^[or]\d{1,4}$/), label: bilingual(200) });
const condition = z.object({ question: z.string().regex(/^q\d{1,4}$/), anyOf: z.array(z.string().regex(/^o\d{1,4}$/)).min(1).max(50) });

export const questionSchema = z.object({
  id: z.string().regex(/^q\d{1,4}$/),
  kind: z.enum(questionKinds),
  text: bilingual(500),
  help: optionalBilingual.optional(),
  required: z.boolean(),
  options: z.array(option).max(30).optional(),
  /** Multiple choice: an "other, please say" box besides the options. */
  other: z.boolean().optional(),
  scale: z.enum(['1-5', '0-10']).optional(),
  rows: z.array(option).max(20).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  /** Shown only when an earlier section's choice question was answered with one of `anyOf`. */
  showIf: condition.optional(),
});
export type Question = z.infer<typeof questionSchema>;

export const sectionSchema = z.object({
  id: z.string().regex(/^s\d{1,4}$/),
  title: bilingual(200),
  questions: z.array(questionSchema).max(50),
  /** After this section: the first jump whose condition holds goes to its section (a later one) or to the end. */
  jumps: z.array(condition.extend({ to: z.string().regex(/^(s\d{1,4}|end)$/) })).max(20),
});
export type Section = z.infer<typeof sectionSchema>;

export const definitionSchema = z.object({ sections: z.array(sectionSchema).max(30) });
export type Definition = z.infer<typeof definitionSchema>;

/** The canonical value stored for each kind of answer (what the re-check reads, and the exports write). */
export type AnswerValue = string | number | string[] | { choices: string[]; other?: string } | Record<string, number> | { lat: number; lng: number };
export type Answers = Record<string, AnswerValue>;

export const numberBounds = { min: -1_000_000_000, max: 1_000_000_000 } as const;
export const textLimits = { short: 200, long: 4000 } as const;

/** The value schema of one question: the same whether the answer was just typed or is re-checked from the draft. */
export function answerValueSchema(q: Question): z.ZodType<AnswerValue> {
  const ids = (q.options ?? []).map((o) => o.id);
  const inOptions = z.string({ error: msg('errors.choice') }).refine((v) => ids.includes(v), msg('errors.choice'));
  switch (q.kind) {
    case 'single':
      return inOptions;
    case 'multiple':
      return z.object({
        choices: z.array(inOptions).max(ids.length, msg('errors.choice')).refine((c) => new Set(c).size === c.length, msg('errors.choice')),
        other: plainText(1, textLimits.short).optional(),
      }).refine((v) => v.choices.length > 0 || (q.other && v.other), msg('surveys.chooseOne')).refine((v) => !v.other || q.other, msg('errors.choice'));
    case 'scale': {
      const [min, max] = scales[q.scale ?? '1-5'];
      return z.number({ error: msg('errors.number') }).int(msg('errors.number')).min(min, msg('errors.range', { min, max })).max(max, msg('errors.range', { min, max }));
    }
    case 'short':
      return plainText(1, textLimits.short).refine((v) => !/[\r\n]/.test(v), msg('errors.invalid'));
    case 'long':
      return plainText(1, textLimits.long);
    case 'number': {
      const min = q.min ?? numberBounds.min;
      const max = q.max ?? numberBounds.max;
      return z.number().int(msg('errors.number')).min(min, msg('errors.range', { min, max })).max(max, msg('errors.range', { min, max }));
    }
    case 'date':
      return dayText();
    case 'ranking':
      return z.array(inOptions, { error: msg('surveys.rankAll') }).length(ids.length, msg('surveys.rankAll')).refine((r) => new Set(r).size === r.length, msg('surveys.rankEachOnce'));
    case 'matrix': {
      const [min, max] = scales[q.scale ?? '1-5'];
      const rows = (q.rows ?? []).map((r) => r.id);
      return z
        .record(z.string(), z.number({ error: msg('errors.number') }).int(msg('errors.number')).min(min, msg('errors.range', { min, max })).max(max, msg('errors.range', { min, max })))
        .refine((v) => Object.keys(v).every((k) => rows.includes(k)), msg('errors.choice'))
        .refine((v) => Object.keys(v).length === rows.length, msg('surveys.everyRow'));
    }
    case 'point':
      return z.object({ lat: z.number().min(-90, msg('surveys.point')).max(90, msg('surveys.point')), lng: z.number().min(-180, msg('surveys.point')).max(180, msg('surveys.point')) }, { error: msg('surveys.point') });
    case 'photo':
      return z.string({ error: msg('errors.invalid') }).uuid(msg('errors.invalid'));
  }
}

// The builder's forms.
const day = z.string().trim().optional().transform((v) => (v ? v : undefined));
export const surveyDetailsSchema = z
  .object({
    titleRu: requiredText(200),
    titleEn: requiredText(200),
    descriptionRu: plainText(1, 4000),
    descriptionEn: plainText(1, 4000),
    opensAt: day,
    closesAt: day,
    anonymous: z.enum(['yes', 'no']).transform((v) => v === 'yes'),
    editable: z.enum(['yes', 'no']).optional().transform((v) => v === 'yes'),
    verifiedOnly: z.enum(['yes', 'no']).optional().transform((v) => v === 'yes'),
    minAge: optionalIntField(0, 120),
    maxAge: optionalIntField(0, 120),
    districtIds: z.array(z.string().regex(/^\d{1,9}$/, msg('errors.choice')).transform(Number)).max(200).default([]),
    pointsReward: intField(0, 1000),
    departmentId: z.string().optional().transform((v) => (v ? v : undefined)).pipe(z.string().regex(/^\d{1,9}$/, msg('errors.choice')).transform(Number).optional()),
  })
  .refine((v) => !(v.anonymous && v.editable), { path: ['editable'], message: msg('surveys.anonymousNotEditable') })
  .refine((v) => v.minAge === undefined || v.maxAge === undefined || v.minAge <= v.maxAge, { path: ['maxAge'], message: msg('surveys.ageRange') });
export type SurveyDetailsInput = z.infer<typeof surveyDetailsSchema>;

export const sectionFormSchema = z.object({ titleRu: requiredText(200), titleEn: requiredText(200) });

/** One line per option: "Русский | English". */
const optionLines = z
  .string()
  .max(6000)
  .optional()
  .transform((v) => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean));

export const questionFormSchema = z.object({
  sectionId: z.string().regex(/^s\d{1,4}$/, msg('errors.choice')),
  kind: z.enum(questionKinds, { error: msg('errors.choice') }),
  textRu: requiredText(500),
  textEn: requiredText(500),
  helpRu: optionalText(1000),
  helpEn: optionalText(1000),
  required: z.enum(['yes', 'no']).optional().transform((v) => v === 'yes'),
  options: optionLines,
  rows: optionLines,
  other: z.enum(['yes', 'no']).optional().transform((v) => v === 'yes'),
  scale: z.enum(['1-5', '0-10']).optional(),
  min: optionalIntField(numberBounds.min, numberBounds.max),
  max: optionalIntField(numberBounds.min, numberBounds.max),
  /** "q3=o1,o2": shown when question q3 was answered with o1 or o2. */
  showIf: z.string().trim().max(200).optional().transform((v) => (v ? v : undefined)),
});
export type QuestionFormInput = z.infer<typeof questionFormSchema>;

export const jumpFormSchema = z.object({
  sectionId: z.string().regex(/^s\d{1,4}$/, msg('errors.choice')),
  question: z.string().regex(/^q\d{1,4}$/, msg('errors.choice')),
  option: z.string().regex(/^o\d{1,4}$/, msg('errors.choice')),
  to: z.string().regex(/^(s\d{1,4}|end)$/, msg('errors.choice')),
});

export const crossTabSchema = z.object({
  rows: z.string().regex(/^q\d{1,4}$/).optional(),
  columns: z.string().regex(/^q\d{1,4}$/).optional(),
});

