// The channel a person took part through (ADR 048), handed to the tools' use-cases by whoever calls them.
import type { ParticipationChannel } from '#db/schema/index';
import type { Tx } from './db.server';

/**
 * Where a participation came from, and what else must be written with it: assisted service records the consultant,
 * the centre and the resident's consent in the same transaction as the report, idea or support it made.
 */
export type Participation = {
  channel: ParticipationChannel;
  /** Runs inside the use-case's transaction once the row exists, with that row's id. */
  alongside?: (tx: Tx, targetId: string) => Promise<void>;
};

export const onTheWeb: Participation = { channel: 'web' };
