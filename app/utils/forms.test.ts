import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emailField, intField, optionalIntField, parseForm, requiredText } from './forms';
import { translator } from './i18n';

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
