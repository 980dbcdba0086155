// Every tool's UI text by namespace: the one list app/utils/i18n.ts reads. A new tool adds one line here.
import { accountsMessages } from './accounts/messages';
import { alertsMessages } from './alerts/messages';
import { apiMessages } from './api/messages';
import { auditMessages } from './audit/messages';
import { centresMessages } from './centres/messages';
import { cityMessages } from './city/messages';
import { feedbackMessages } from './feedback/messages';
import { ideasMessages } from './ideas/messages';
import { initiativesMessages } from './initiatives/messages';
import { notificationsMessages } from './notifications/messages';
import { opendataMessages } from './opendata/messages';
import { reportsMessages } from './reports/messages';
import { statsMessages } from './stats/messages';
import { surveysMessages } from './surveys/messages';
import { votesMessages } from './votes/messages';

export const toolMessages = {
  accounts: accountsMessages,
  alerts: alertsMessages,
  api: apiMessages,
  audit: auditMessages,
  centres: centresMessages,
  city: cityMessages,
  feedback: feedbackMessages,
  ideas: ideasMessages,
  initiatives: initiativesMessages,
  notifications: notificationsMessages,
  opendata: opendataMessages,
  reports: reportsMessages,
  stats: statsMessages,
  surveys: surveysMessages,
  votes: votesMessages,
} as const;
