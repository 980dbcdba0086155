import { pointsLedger } from '#db/schema/index';
import type { Tx } from '#app/utils/db.server';

/** What a participation credit is for: one per ballot voted in, idea proposed, report approved or survey answered. */
export type PointsCredit = { reason: 'ballot'; ballotId: number } | { reason: 'idea'; ideaId: number } | { reason: 'report'; reportId: number } | { reason: 'survey'; surveyId: number };

/**
 * Credits a person's participation, in the caller's transaction, at most once per ballot, idea or report: the
 * ledger's unique indexes decide under races and replays. Zero points (switched off) credits nothing.
 */
export async function awardPoints(tx: Tx, userId: string, points: number, credit: PointsCredit): Promise<void> {
  if (points <= 0) return;
  await tx.insert(pointsLedger).values({ userId, delta: points, ...credit }).onConflictDoNothing();
}
