// The Surveys tool's manifest: questionnaires with sections and logic, answered one section per page (ADR 046).
import type { ToolManifest } from '#app/modules/manifest';
import { surveyResultsDataset } from './datasets.server';
import { removeAbandonedSurveyPhotos, surveyPhotoMedia } from './media.server';

export const surveysTool = {
  name: 'surveys',
  datasets: [surveyResultsDataset],
  media: [surveyPhotoMedia],
  // Photos no sent answer names (an abandoned survey, a replaced photo) and their objects: hourly (ADR 066).
  sweepers: [{ name: 'remove-abandoned-survey-photos', every: 3_600_000, run: () => removeAbandonedSurveyPhotos() }],
  permissions: {
    // Build, publish and read the results of surveys: city-wide, or a department officer for their department's own.
    'surveys.manage': { cityWide: ['admin'], scoped: ['department'] },
  },
  navigation: [
    { area: 'main', to: '/surveys', label: 'nav.surveys' },
    { area: 'staff', to: '/admin/surveys', label: 'nav.adminSurveys', shownWhen: { action: 'surveys.manage', target: 'some' } },
  ],
} as const satisfies ToolManifest;
