// The whole of the UI text on the server: every namespace in both languages, for server-side translation (forms,
// e-mails, notifications, APIs). Pages translate with useT(), over the core's text and their tools'.
import { toolMessages } from '#app/modules/messages';
import { coreMessages, locales, translatorOf, type Dictionary, type Locale, type MessageKey, type ToolNamespace, type Translate } from './i18n';

export const toolNamespaces = Object.keys(toolMessages) as ToolNamespace[];

const dictionaries = Object.fromEntries(
  locales.map((locale) => [locale, Object.assign({}, coreMessages[locale], ...toolNamespaces.map((name) => toolMessages[name][locale])) as Dictionary]),
) as Record<Locale, Dictionary>;

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(dictionaries.en, value);
}

export function translator(locale: Locale): Translate {
  return translatorOf(locale, dictionaries[locale]);
}
