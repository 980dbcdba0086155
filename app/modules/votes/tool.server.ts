// The Votes tool's manifest: ballots, their sealed ledgers, points and the decisions that follow (ADR 037).
import { env } from '#app/utils/env.server';
import type { ToolManifest } from '#app/modules/manifest';
import { votesStats } from './stats.server';
import { votesCabinet } from './cabinet.server';
import { votesDatasets } from './datasets.server';
import { ballotOptionMedia, implementationMedia } from './media.server';
import { removeOrphanMedia } from '#app/utils/stored-media.server';
import { ballotOpenedQueueName, ballotStatusQueueName } from './jobs';
import { processBallotOpenedJob, processBallotStatusJob, sweepBallotMoves } from './processors.server';

export const votesTool = {
  name: 'votes',
  datasets: votesDatasets,
  queues: [
    { name: ballotStatusQueueName, concurrency: 2, process: processBallotStatusJob },
    { name: ballotOpenedQueueName, concurrency: 1, process: processBallotOpenedJob },
  ],
  media: [implementationMedia, ballotOptionMedia],
  sweepers: [
    { name: 'sweep-ballots', every: env.SWEEP_EVERY_MS, run: sweepBallotMoves },
    { name: 'remove-orphan-implementation-photos', every: 3_600_000, run: () => removeOrphanMedia(implementationMedia) },
    { name: 'remove-orphan-ballot-option-pictures', every: 3_600_000, run: () => removeOrphanMedia(ballotOptionMedia) },
  ],
  permissions: {
    // Ballots (editor, scheduling) and the decisions that follow them (implementation items, progress, done).
    'votes.manage': { cityWide: ['admin'] },
  },
  cabinet: votesCabinet,
  navigation: [{ area: 'main', to: '/votes', label: 'nav.votes' }],
  stats: votesStats,
} as const satisfies ToolManifest;
