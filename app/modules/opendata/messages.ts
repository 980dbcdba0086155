// The open-data tool (the catalogue)'s UI text, listed in app/modules/messages.ts. Russian must carry every key (checked by tsc).
export const opendataEn = {
  'page.data': "Open data",
  'data.intro': "Everything the city publishes here may be downloaded and reused under the licence: files are streamed straight from the database and each comes with a machine-readable description (datapackage.json).",
  'data.catalogJson': "The catalogue as JSON",
  'data.rows': "{n, plural, one {# row} other {# rows}}",
  'data.updated': "Updated",
  'data.licence': "Licence",
} as const;

export const opendataRu: Record<keyof typeof opendataEn, string> = {
  'page.data': "Открытые данные",
  'data.intro': "Всё, что город публикует здесь, можно скачать и использовать по лицензии: файлы отдаются прямо из базы данных, у каждого есть машиночитаемое описание (datapackage.json).",
  'data.catalogJson': "Каталог в формате JSON",
  'data.rows': "{n, plural, one {# строка} few {# строки} many {# строк} other {# строки}}",
  'data.updated': "Обновлено",
  'data.licence': "Лицензия",
};

/** The tool's text as a page's handle names it: `handle = { messages: [opendataMessages] }`. */
export const opendataMessages = { name: 'opendata', en: opendataEn, ru: opendataRu } as const;
