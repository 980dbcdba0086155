// The Surveys tool's manifest: questionnaires with sections and logic, answered one section per page (ADR 046).
import type { ToolManifest } from '#app/modules/manifest';
import { surveyResultsDataset } from './datasets.server';

export const surveysTool = {
  name: 'surveys',
  datasets: [surveyResultsDataset],
  permissions: {
    // Build, publish and read the results of surveys: city-wide, or a department officer for their department's own.
    'surveys.manage': { cityWide: ['admin'], scoped: ['department'] },
  },
  navigation: [
    { area: 'main', to: '/surveys', label: 'nav.surveys' },
    { area: 'staff', to: '/admin/surveys', label: 'nav.adminSurveys', shownWhen: { action: 'surveys.manage', target: 'some' } },
  ],
} as const satisfies ToolManifest;
