/** A project's title in the reader's language (client-safe). */
export const localTitle = (locale: 'ru' | 'en', p: { titleRu: string; titleEn: string }) => (locale === 'ru' ? p.titleRu : p.titleEn);
