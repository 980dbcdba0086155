import { z } from 'zod';
import { isMessageKey, type MessageKey, type Params, type Translate } from './i18n';

/**
 * Zod messages in this app are message keys, optionally with parameters: msg('errors.range', { min, max }).
 * They are translated when the form is answered, in the reader's language.
 */
export function msg(key: MessageKey, params?: Params): string {
  return params ? `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}` : key;
}

function translateIssue(issue: z.core.$ZodIssue, t: Translate): string {
  const [key, query] = issue.message.split('?', 2);
  if (isMessageKey(key)) return t(key, query ? Object.fromEntries(new URLSearchParams(query)) : undefined);
  switch (issue.code) {
    case 'invalid_type':
      return t(issue.input === undefined || issue.input === null ? 'errors.required' : 'errors.invalid');
    case 'too_big':
      return t('errors.tooLong', { max: Number(issue.maximum) });
    case 'too_small':
      return t('errors.tooShort', { min: Number(issue.minimum) });
    case 'invalid_value':
      return t('errors.choice');
    default:
      return t('errors.invalid');
  }
}

export type FieldErrors = Record<string, string>;
export type Submission<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

/** Every value of every field, read in one pass (getAll per key would be quadratic in the number of fields). */
export function formEntries(formData: FormData): Map<string, FormDataEntryValue[]> {
  const entries = new Map<string, FormDataEntryValue[]>();
  for (const [key, value] of formData) {
    const all = entries.get(key);
    if (all) all.push(value);
    else entries.set(key, [value]);
  }
  return entries;
}

/** The form's text values as typed, to show them again beside the errors (files are left out). */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, entries] of formEntries(formData)) {
    if (key.startsWith('_')) continue;
    const all = entries.filter((v): v is string => typeof v === 'string');
    values[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return values;
}

/** Parses a form against its schema; on failure, one translated message per field, and the values typed. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData, t: Translate, arrays: string[] = []): Submission<z.output<S>> {
  const input: Record<string, unknown> = {};
  // Control characters (a NUL byte above all, which Postgres text cannot hold) are never part of an answer.
  const unprintable: FieldErrors = {};
  for (const [key, all] of formEntries(formData)) {
    input[key] = arrays.includes(key) ? all : all[0];
    if (!key.startsWith('_') && all.some((v) => typeof v === 'string' && controlCharacters.test(v))) unprintable[key] = t('errors.controlCharacters');
  }
  for (const key of arrays) input[key] ??= [];
  const result = schema.safeParse(input);
  if (result.success && Object.keys(unprintable).length === 0) return { ok: true, data: result.data };
  const errors = result.success ? {} : issuesToErrors(result.error.issues, t);
  return { ok: false, errors: { ...unprintable, ...errors }, values: formValues(formData) };
}

// C0 controls except tab, line feed and carriage return, and DEL: matching them is the point here.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function issuesToErrors(issues: z.core.$ZodIssue[], t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form';
    errors[field] ??= translateIssue(issue, t);
  }
  return errors;
}

// Building blocks shared by every form schema.
/** No markup characters (< and >) in a text. */
export const noMarkup = (value: string) => !/[<>]/.test(value);

/** Required single-line text: trimmed, bounded, no markup characters. */
export function requiredText(max: number) {
  return z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .max(max, msg('errors.tooLong', { max }))
    .refine(noMarkup, msg('errors.markup'));
}

/** Optional text: an empty field becomes undefined. */
export function optionalText(max: number) {
  return z
    .string({ error: msg('errors.invalid') })
    .trim()
    .max(max, msg('errors.tooLong', { max }))
    .refine(noMarkup, msg('errors.markup'))
    .optional()
    .transform((v) => (v ? v : undefined));
}

export function emailField() {
  return z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .max(254, msg('errors.tooLong', { max: 254 }))
    .pipe(z.email(msg('errors.email')))
    .transform((v) => v.toLowerCase());
}

/** A whole number typed into a text field, within a range. */
export function intField(min: number, max: number) {
  return z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .regex(/^-?\d{1,9}$/, msg('errors.number'))
    .transform(Number)
    .pipe(z.number().min(min, msg('errors.range', { min, max })).max(max, msg('errors.range', { min, max })));
}

export function optionalIntField(min: number, max: number) {
  return z
    .string({ error: msg('errors.invalid') })
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(intField(min, max).optional());
}
