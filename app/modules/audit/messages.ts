// The audit tool (the audit log)'s UI text, listed in app/modules/messages.ts. Russian must carry every key (checked by tsc).
export const auditEn = {
  'page.adminAudit': 'Audit log',
  'admin.when': 'When',
  'admin.actor': 'Who',
  'admin.action': 'Action',
  'admin.target': 'Target',
  'admin.change': 'Change',
} as const;

export const auditRu: Record<keyof typeof auditEn, string> = {
  'page.adminAudit': 'Журнал действий',
  'admin.when': 'Когда',
  'admin.actor': 'Кто',
  'admin.action': 'Действие',
  'admin.target': 'Объект',
  'admin.change': 'Изменение',
};

/** The tool's text as a page's handle names it: `handle = { messages: [auditMessages] }`. */
export const auditMessages = { name: 'audit', en: auditEn, ru: auditRu } as const;
