// The public API tool (its documentation page, API keys)'s UI text, listed in app/modules/messages.ts. Russian must carry every key (checked by tsc).
export const apiEn = {
  'page.apiDocs': "Public API",
  'apiDocs.base': "Base address",
  'apiDocs.parameter': "Parameter",
  'apiDocs.in': "In",
  'apiDocs.type': "Type",
  'apiDocs.description': "Description",
  'page.adminApiKeys': "API keys",
  'apiKeys.intro': "Keys let Open311 clients file reports (POST /open311/v2/requests.json). A key is shown once, when it is issued; only its hash is kept.",
  'apiKeys.name': "Who the key is for",
  'apiKeys.issue': "Issue a key",
  'apiKeys.issued': "Copy this key now; it will not be shown again:",
  'apiKeys.revoke': "Revoke",
  'apiKeys.revoked': "Revoked",
  'apiKeys.lastUsed': "Last used",
  'apiKeys.never': "never",
} as const;

export const apiRu: Record<keyof typeof apiEn, string> = {
  'page.apiDocs': "Открытый API",
  'apiDocs.base': "Базовый адрес",
  'apiDocs.parameter': "Параметр",
  'apiDocs.in': "Где",
  'apiDocs.type': "Тип",
  'apiDocs.description': "Описание",
  'page.adminApiKeys': "Ключи API",
  'apiKeys.intro': "Ключи позволяют приложениям Open311 подавать обращения (POST /open311/v2/requests.json). Ключ показывается один раз при выдаче; хранится только его хэш.",
  'apiKeys.name': "Для кого ключ",
  'apiKeys.issue': "Выдать ключ",
  'apiKeys.issued': "Скопируйте ключ сейчас, больше он показан не будет:",
  'apiKeys.revoke': "Отозвать",
  'apiKeys.revoked': "Отозван",
  'apiKeys.lastUsed': "Последнее использование",
  'apiKeys.never': "никогда",
};

/** The tool's text as a page's handle names it: `handle = { messages: [apiMessages] }`. */
export const apiMessages = { name: 'api', en: apiEn, ru: apiRu } as const;
