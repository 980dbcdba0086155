import { z } from 'zod';
import type { MessageKey, Params, Translate } from './i18n';
import { serialMax } from './route-params';

/**
 * Zod messages in this app are message keys, optionally with parameters: msg('errors.range', { min, max }).
 * They are translated when the form is answered, in the reader's language.
 */
export function msg(key: MessageKey, params?: Params): string {
  return params ? `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}` : key;
}

/** A message written by `msg` (a key, with its parameters after `?`) in the reader's language. */
export function translateMessage(message: string, t: Translate): string {
  const [key, query] = message.split('?', 2);
  return t(key as MessageKey, query ? Object.fromEntries(new URLSearchParams(query)) : undefined);
}

function translateIssue(issue: z.core.$ZodIssue, t: Translate): string {
  // A key the dictionary lacks reads as itself: then the message is zod's own, and the issue's code names it.
  const text = translateMessage(issue.message, t);
  if (text !== issue.message.split('?', 1)[0]) return text;
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
    if (!key.startsWith('_') && all.some((v) => typeof v === 'string' && hasControlCharacters(v))) unprintable[key] = t('errors.controlCharacters');
  }
  for (const key of arrays) input[key] ??= [];
  const result = schema.safeParse(input);
  if (result.success && Object.keys(unprintable).length === 0) return { ok: true, data: result.data };
  const errors = result.success ? {} : issuesToErrors(result.error.issues, t);
  return { ok: false, errors: { ...unprintable, ...errors }, values: formValues(formData) };
}

// C0 controls except tab, line feed and carriage return, DEL and the C1 controls: matching them is the point here.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// The same, and line breaks and tabs too: for values that are one line (search words, ids, header values).
// eslint-disable-next-line no-control-regex
const lineControlCharacters = /[\u0000-\u001F\u007F-\u009F]/;

/** True when a text holds a control character no typed answer has (a NUL byte, an escape…); tabs and line breaks only when `singleLine`. */
export function hasControlCharacters(value: string, { singleLine = false }: { singleLine?: boolean } = {}): boolean {
  return (singleLine ? lineControlCharacters : controlCharacters).test(value);
}
const printable = (value: string) => !hasControlCharacters(value);
const printableLine = (value: string) => !hasControlCharacters(value, { singleLine: true });

export function issuesToErrors(issues: z.core.$ZodIssue[], t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[key] ??= t('errors.unknownParameter');
      continue;
    }
    const field = issue.path.length ? String(issue.path[0]) : 'form';
    errors[field] ??= translateIssue(issue, t);
  }
  return errors;
}

// Building blocks shared by every form schema.
/** No markup characters (< and >) in a text. */
export const noMarkup = (value: string) => !/[<>]/.test(value);

/** Text as typed (lines and tabs allowed): trimmed, bounded, without control characters; markup is the caller's rule. */
export function plainText(min: number, max: number) {
  return z
    .string({ error: msg('errors.required') })
    .trim()
    .min(min, min <= 1 ? msg('errors.required') : msg('errors.tooShort', { min }))
    .max(max, msg('errors.tooLong', { max }))
    .refine(printable, msg('errors.controlCharacters'));
}

/** Required text: trimmed, bounded, no markup or control characters. */
export function requiredText(max: number) {
  return plainText(1, max).refine(noMarkup, msg('errors.markup'));
}

/** Long text (an idea's or an initiative's body): required, at least `min` characters once trimmed, no markup. */
export function longText(min: number, max: number) {
  return z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .min(min, msg('errors.tooShort', { min }))
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
    .refine(printable, msg('errors.controlCharacters'))
    .optional()
    .transform((v) => (v ? v : undefined));
}

/** Words to search or filter by, from a query string: one line, bounded, no control characters; empty is undefined. */
export function searchText(max: number) {
  return z
    .string({ error: msg('errors.invalid') })
    .trim()
    .max(max, msg('errors.tooLong', { max }))
    .refine(printableLine, msg('errors.controlCharacters'))
    .optional()
    .transform((v) => (v ? v : undefined));
}

/** A header's value (a key, a token): one line, bounded, no control characters. */
export function headerText(max: number) {
  return z
    .string({ error: msg('errors.invalid') })
    .max(max, msg('errors.tooLong', { max }))
    .refine(printableLine, msg('errors.controlCharacters'));
}

/**
 * A row's id as text from a form, a query string or a path: digits only, positive, at most the largest `serial`
 * (a larger number cannot name a row, and Postgres would refuse to compare it with an integer column); `max`
 * for a `bigserial`. A form's hidden or chosen id may say `message` instead (a choice to make again).
 */
export function idText({ max = serialMax, message }: { max?: number; message?: string } = {}) {
  const invalid = message ?? msg('errors.id', { max });
  return z
    .string({ error: message ?? msg('errors.required') })
    .trim()
    .min(1, message ?? msg('errors.required'))
    .regex(new RegExp(`^\\d{1,${String(max).length}}$`), invalid)
    .transform(Number)
    .refine((id) => id >= 1 && id <= max, invalid);
}

/** An optional id: an empty or missing value is undefined. */
export function optionalIdText(options: { max?: number } = {}) {
  return z
    .string({ error: msg('errors.invalid') })
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(idText(options).optional());
}

/** True for a calendar day that exists (2026-02-28 does, 2026-02-30 does not). */
export function isRealDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, date));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date;
}

/** A calendar day as YYYY-MM-DD that exists. */
export function dayText() {
  return z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .refine(isRealDay, msg('errors.day'));
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

/**
 * An optional phone number as people type it (spaces, dashes, brackets allowed): kept as digits with an optional
 * leading +, 5 to 15 digits (E.164's longest); empty is undefined.
 */
export function optionalPhoneField() {
  return z
    .string({ error: msg('errors.invalid') })
    .max(40, msg('errors.tooLong', { max: 40 }))
    .optional()
    .transform((v) => (v ? v.replace(/[\s()-]/g, '') : undefined))
    .pipe(z.string().regex(/^\+?\d{5,15}$/, msg('errors.phone')).optional());
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
