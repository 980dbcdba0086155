import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dayText, emailField, hasControlCharacters, headerText, idText, intField, isRealDay, issuesToErrors, optionalIdText, optionalIntField, optionalText, parseForm, plainText, requiredText, searchText } from './forms';
import { translator } from './i18n.server';

const schema = z.object({ name: requiredText(10), email: emailField(), year: intField(1900, 2026), district: optionalIntField(1, 99) });
const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

describe('parseForm', () => {
  it('gives the typed, cleaned values when all is well', () => {
    const result = parseForm(schema, form({ name: '  Anna ', email: 'Anna@Example.COM', year: '1990', district: '' }), translator('en'));
    expect(result).toEqual({ ok: true, data: { name: 'Anna', email: 'anna@example.com', year: 1990, district: undefined } });
  });

  it('names each field with one message, in the reader\'s language, and keeps what was typed', () => {
    const result = parseForm(schema, form({ name: '<b>x</b>', email: 'nope', year: '3000', district: 'abc' }), translator('en'));
    expect(result).toEqual({
      ok: false,
      errors: { name: 'Must not contain < or >', email: 'Enter an e-mail address like name@example.com', year: 'Must be between 1900 and 2026', district: 'Enter a whole number' },
      values: { name: '<b>x</b>', email: 'nope', year: '3000', district: 'abc' },
    });
  });

  it('treats a missing field as empty and says so in Russian too', () => {
    const result = parseForm(schema, form({}), translator('ru'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.name).toBe('Заполните поле');
  });

  it('says how long is too long', () => {
    const result = parseForm(schema, form({ name: 'x'.repeat(11), email: 'a@b.co', year: '2000' }), translator('en'));
    expect(!result.ok && result.errors.name).toBe('Must be at most 10 characters');
  });
});

describe('the input primitives', () => {
  const en = translator('en');
  const errorOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? null : issuesToErrors(result.error.issues, en).form;
  };

  it('takes ids from 1 to the largest serial, as text', () => {
    expect(idText().parse(' 42 ')).toBe(42);
    expect(idText().parse('2147483647')).toBe(2147483647);
    for (const bad of ['2147483648', '99999999999', '0', '-1', '1.5', '1e3', '0x10', 'abc', '1\u0000']) expect(errorOf(idText(), bad), bad).toBe('Must be a whole number from 1 to 2147483647');
    expect(errorOf(idText(), '')).toBe('Enter a value');
    expect(optionalIdText().parse('')).toBeUndefined();
    expect(optionalIdText().parse(undefined)).toBeUndefined();
    expect(optionalIdText().safeParse('2147483648').success).toBe(false);
  });

  it('refuses control characters in text: NUL always, lines and tabs only where one line is asked for', () => {
    expect(requiredText(50).safeParse('a\u0000b').success).toBe(false);
    expect(optionalText(50).safeParse('a\u001bb').success).toBe(false);
    expect(plainText(1, 50).safeParse('a\u0085b').success).toBe(false);
    expect(plainText(1, 50).parse('two\nlines\tand a tab')).toBe('two\nlines\tand a tab');
    expect(errorOf(searchText(20), 'two\nlines')).toBe('Must not contain invisible control characters; type or paste it again');
    expect(searchText(20).parse('  bench ')).toBe('bench');
    expect(searchText(20).parse('')).toBeUndefined();
    expect(errorOf(searchText(5), 'benches')).toBe('Must be at most 5 characters');
    expect(headerText(10).safeParse('key\r\nX-Evil: 1').success).toBe(false);
    expect(hasControlCharacters('tab\tok')).toBe(false);
    expect(hasControlCharacters('tab\tok', { singleLine: true })).toBe(true);
  });

  it('takes only days that exist', () => {
    for (const day of ['2026-02-28', '2028-02-29', '2026-12-31']) expect(isRealDay(day), day).toBe(true);
    for (const day of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '26-01-01']) expect(isRealDay(day), day).toBe(false);
    expect(errorOf(dayText(), '2026-02-30')).toBe('Enter a real date as YYYY-MM-DD');
  });

  it('names a parameter a strict schema does not have', () => {
    const result = z.object({ q: searchText(10) }).strict().safeParse({ q: 'x', colour: 'red' });
    expect(!result.success && issuesToErrors(result.error.issues, en)).toEqual({ colour: 'Not a parameter of this address' });
  });
});
