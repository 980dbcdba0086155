// UI text in English and Russian: the client-safe half. English is the reference: Russian must carry every key
// (checked by tsc). The text lives by namespace: the core's in core-messages.ts (small, in every page's bundle), each
// tool's in app/modules/<tool>/messages.ts, which a page names in its handle (so it comes with the route's code) and
// app/modules/messages.ts lists for the server (i18n.server.ts).
import type { toolMessages } from '#app/modules/messages';
import { coreEn, coreRu } from './core-messages';

export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];

export type ToolNamespace = keyof typeof toolMessages;
type ToolKey = { [N in ToolNamespace]: keyof (typeof toolMessages)[N]['en'] }[ToolNamespace];
export type MessageKey = keyof typeof coreEn | ToolKey;
export type Dictionary = Record<MessageKey, string>;
/** Text a page has: the core's and its tools'. */
export type Messages = Partial<Record<MessageKey, string>>;
/** One tool's text in both languages, as `app/modules/<tool>/messages.ts` exports it for a page's handle. */
export type ToolMessages = { readonly name: ToolNamespace; readonly en: Messages; readonly ru: Messages };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const coreMessages: Record<Locale, Record<keyof typeof coreEn, string>> = { en: coreEn, ru: coreRu };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The form of `{n, plural, =0 {…} one {…} few {…} many {…} other {…}}` the number takes, `#` replaced by it. */
function pluralForm(locale: Locale, forms: string, value: string | number | undefined): string {
  const n = Number(value);
  const chosen = new Map<string, string>();
  const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
  for (let at = 0; at < forms.length; ) {
    selector.lastIndex = at;
    const match = selector.exec(forms);
    if (!match) break;
    const open = selector.lastIndex - 1;
    const close = closingBrace(forms, open);
    if (close < 0) break;
    chosen.set(match[1]!, forms.slice(open + 1, close));
    at = close + 1;
  }
  const form = chosen.get(`=${n}`) ?? chosen.get(pluralCategory(locale, n)) ?? chosen.get('other') ?? '';
  return form.replaceAll('#', String(value));
}

/**
 * Fills a message's `{name}` placeholders and picks its `{count, plural, one {…} other {…}}` forms by the language's
 * CLDR rules (Intl.PluralRules: Russian one/few/many/other, English one/other). A missing parameter stays as written.
 */
export function formatMessage(locale: Locale, text: string, params: Params): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', at)) {
    const close = closingBrace(text, open);
    if (close < 0) break;
    out += text.slice(at, open);
    const inner = text.slice(open + 1, close);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(inner);
    if (plural) out += formatMessage(locale, pluralForm(locale, inner.slice(plural[0].length), params[plural[1]!]), params);
    else out += Object.hasOwn(params, inner) && params[inner] != null ? String(params[inner]) : `{${inner}}`;
    at = close + 1;
  }
  return out + text.slice(at);
}

/** The translate function over the text a page has; a key it lacks reads as itself. */
export function translatorOf(locale: Locale, messages: Messages): Translate {
  return (key, params) => {
    const text = messages[key] ?? key;
    return params ? formatMessage(locale, text, params) : text;
  };
}

/** Localised name of a row that has name_ru / name_en. */
export function localName(locale: Locale, row: { nameRu: string; nameEn: string }): string {
  return locale === 'ru' ? row.nameRu : row.nameEn;
}
