// The Centres tool's manifest: service centres, the service catalogue and booked visits (issue 17, ADR 043).
import { env } from '#app/utils/env.server';
import type { ToolManifest } from '#app/modules/manifest';
import { centresDataset, centreVisitsDataset, servicesDataset } from './datasets.server';
import { visitReminderQueueName } from './jobs';
import { processVisitReminder } from './processors.server';
import { sweepVisitReminders } from './remind-visit.server';

export const centresTool = {
  name: 'centres',
  datasets: [centresDataset, servicesDataset, centreVisitsDataset],
  queues: [{ name: visitReminderQueueName, concurrency: 2, process: processVisitReminder }],
  sweepers: [{ name: 'visit-reminders', every: env.SWEEP_EVERY_MS, run: () => sweepVisitReminders() }],
  permissions: {
    'centres.manage': { cityWide: ['admin'] },
    // Staff at the desk run the queue and mark visits: admins anywhere, a consultant at their own centre (ADR 048).
    'centres.serve': { cityWide: ['admin'], scoped: ['consultant'] },
    // Assisted service with the resident present: register, verify in person, act on their behalf, open a booth.
    'centres.assist': { cityWide: ['admin'], scoped: ['consultant'] },
  },
  navigation: [
    { area: 'main', to: '/centres', label: 'nav.centres' },
    { area: 'staff', to: '/admin/centres', label: 'nav.staffCentres', shownWhen: { action: 'centres.manage' } },
    { area: 'staff', to: '/admin/services', label: 'nav.staffServices', shownWhen: { action: 'centres.manage' } },
    { area: 'staff', to: '/centre-desk', label: 'nav.centreDesk', shownWhen: { action: 'centres.serve', target: 'some' } },
  ],
} as const satisfies ToolManifest;
