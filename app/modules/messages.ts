// Every tool's UI text by namespace: the one list app/utils/i18n.ts reads. A new tool adds one line here.
import { accountsEn, accountsRu } from './accounts/messages';
import { apiEn, apiRu } from './api/messages';
import { auditEn, auditRu } from './audit/messages';
import { cityEn, cityRu } from './city/messages';
import { feedbackEn, feedbackRu } from './feedback/messages';
import { ideasEn, ideasRu } from './ideas/messages';
import { notificationsEn, notificationsRu } from './notifications/messages';
import { opendataEn, opendataRu } from './opendata/messages';
import { reportsEn, reportsRu } from './reports/messages';
import { statsEn, statsRu } from './stats/messages';
import { votesEn, votesRu } from './votes/messages';

export const toolMessages = {
  accounts: { en: accountsEn, ru: accountsRu },
  api: { en: apiEn, ru: apiRu },
  audit: { en: auditEn, ru: auditRu },
  city: { en: cityEn, ru: cityRu },
  feedback: { en: feedbackEn, ru: feedbackRu },
  ideas: { en: ideasEn, ru: ideasRu },
  notifications: { en: notificationsEn, ru: notificationsRu },
  opendata: { en: opendataEn, ru: opendataRu },
  reports: { en: reportsEn, ru: reportsRu },
  stats: { en: statsEn, ru: statsRu },
  votes: { en: votesEn, ru: votesRu },
} as const;
