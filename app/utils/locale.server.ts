import { isLocale, type Locale } from './i18n';
import { translator } from './i18n.server';
import { langCookie } from './cookies.server';

/** The language: the remembered choice, else the browser's preference, else Russian. */
export async function getLocale(request: Request): Promise<Locale> {
  const chosen: unknown = await langCookie.parse(request.headers.get('Cookie'));
  if (isLocale(chosen)) return chosen;
  const accept = request.headers.get('Accept-Language') ?? '';
  const first = accept.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'ru';
}

export async function getTranslator(request: Request) {
  const locale = await getLocale(request);
  return { locale, t: translator(locale) };
}
