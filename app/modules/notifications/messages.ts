// The notifications tool (the bell, the e-mail outbox)'s UI text, listed in app/modules/messages.ts. Russian must carry every key (checked by tsc).
export const notificationsEn = {
  'page.notifications': 'Notifications',
  'page.adminOutbox': 'E-mail outbox',
  'admin.outboxSensitive': 'This e-mail carries a one-time link for its recipient alone: it is never shown here, and it is removed from the outbox once sent.',
  'notifications.empty': 'No notifications yet. You will be told here when something you follow changes.',
  'notifications.markRead': 'Mark as read',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.unreadBadge': 'new',
  'admin.to': 'To',
  'admin.subject': 'Subject',
  'admin.status': 'Status',
  'admin.attempts': 'Attempts',
  'admin.lastError': 'Last error',
  'admin.outboxHint': 'With no SMTP server configured, e-mails stay here; with SMTP_URL set, a worker sends them.',
  'status.pending': 'Pending',
  'status.sent': 'Sent',
  'status.failed': 'Failed',
  'push.title': 'Vmeste',
  'admin.channel': 'Channel',
  'channel.email': 'E-mail',
  'channel.push': 'Push',
} as const;

export const notificationsRu: Record<keyof typeof notificationsEn, string> = {
  'page.notifications': 'Уведомления',
  'page.adminOutbox': 'Исходящая почта',
  'admin.outboxSensitive': 'В письме одноразовая ссылка, предназначенная только получателю: здесь она никогда не показывается и удаляется из очереди после отправки.',
  'notifications.empty': 'Уведомлений пока нет. Здесь вы узнаете об изменениях в том, за чем следите.',
  'notifications.markRead': 'Отметить прочитанным',
  'notifications.markAllRead': 'Отметить все прочитанными',
  'notifications.unreadBadge': 'новое',
  'admin.to': 'Кому',
  'admin.subject': 'Тема',
  'admin.status': 'Статус',
  'admin.attempts': 'Попытки',
  'admin.lastError': 'Последняя ошибка',
  'admin.outboxHint': 'Без настроенного SMTP-сервера письма остаются здесь; если задан SMTP_URL, их отправляет обработчик.',
  'status.pending': 'Ожидает',
  'status.sent': 'Отправлено',
  'status.failed': 'Ошибка',
  'push.title': 'Вместе',
  'admin.channel': 'Канал',
  'channel.email': 'Почта',
  'channel.push': 'Push',
};

/** The tool's text as a page's handle names it: `handle = { messages: [notificationsMessages] }`. */
export const notificationsMessages = { name: 'notifications', en: notificationsEn, ru: notificationsRu } as const;
