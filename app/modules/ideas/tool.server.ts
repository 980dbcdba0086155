// The Ideas tool's manifest: projects collect residents' ideas, experts shortlist them, the shortlist goes to a vote (ADR 037).
import type { ToolManifest } from '#app/modules/manifest';
import { ideasStats } from './stats.server';
import { ideasCabinet } from './cabinet.server';
import { ideasDataset } from './datasets.server';
import { ideaMedia, projectCoverMedia } from './media.server';
import { removeOrphanMedia } from '#app/utils/stored-media.server';

export const ideasTool = {
  name: 'ideas',
  datasets: [ideasDataset],
  media: [ideaMedia, projectCoverMedia],
  // Photos in the media store that no row points at (an idea whose transaction failed): hourly.
  sweepers: [
    { name: 'remove-orphan-idea-photos', every: 3_600_000, run: () => removeOrphanMedia(ideaMedia) },
    // A cover replaced by another leaves its object behind too: no row names it any more.
    { name: 'remove-orphan-project-covers', every: 3_600_000, run: () => removeOrphanMedia(projectCoverMedia) },
  ],
  permissions: {
    // Projects (create, stages, send to vote) are the admin's; moderators and experts may be kept to one project.
    'ideas.manage-projects': { cityWide: ['admin'] },
    'ideas.moderate': { cityWide: ['moderator', 'admin'], scoped: ['moderator'] },
    'ideas.assess': { cityWide: ['expert', 'admin'], scoped: ['expert'] },
  },
  cabinet: ideasCabinet,
  navigation: [{ area: 'main', to: '/ideas', label: 'nav.ideas' }],
  stats: ideasStats,
} as const satisfies ToolManifest;
