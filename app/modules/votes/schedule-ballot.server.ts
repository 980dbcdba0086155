import { eq } from 'drizzle-orm';
import { ballots } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { openBallot } from './ballot-lifecycle.server';
import { cancelBallotMoves, scheduleBallotMoves } from './jobs';
import { ballotQuestionsOf } from './queries.server';

/**
 * draft → scheduled: needs its dates, a closing time in the future, and every question with at least two
 * options (a multiple-choice maximum below the number of options). The open and close jobs are queued after commit.
 */
export async function scheduleBallot(actorId: string, ballotId: number): Promise<Result<{ opensAt: Date; closesAt: Date }>> {
  const outcome = await db.transaction(async (tx): Promise<Result<{ opensAt: Date; closesAt: Date }>> => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for('update');
    if (!ballot || ballot.status !== 'draft') return { ok: false, errors: { form: 'votes.notEditable' } };
    if (!ballot.opensAt || !ballot.closesAt) return { ok: false, errors: { form: 'votes.needsDates' } };
    if (ballot.closesAt.getTime() <= Date.now()) return { ok: false, errors: { form: 'votes.closesInPast' } };
    const questions = await ballotQuestionsOf(ballotId, tx);
    if (!questions.length) return { ok: false, errors: { form: 'votes.needsQuestion' } };
    if (questions.some((q) => q.options.length < 2)) return { ok: false, errors: { form: 'votes.needsOptions' } };
    if (questions.some((q) => q.kind === 'multiple' && q.maxChoices >= q.options.length + 1)) return { ok: false, errors: { form: 'votes.maxTooHigh' } };
    await tx.update(ballots).set({ status: 'scheduled', updatedAt: new Date() }).where(eq(ballots.id, ballotId));
    await recordAudit(tx, { actorId, action: 'ballot.schedule', targetType: 'ballot', targetId: ballotId, before: { status: 'draft' }, after: { status: 'scheduled', opensAt: ballot.opensAt, closesAt: ballot.closesAt } });
    return { ok: true, value: { opensAt: ballot.opensAt, closesAt: ballot.closesAt } };
  });
  if (!outcome.ok) return outcome;
  await scheduleBallotMoves(ballotId, outcome.value.opensAt, outcome.value.closesAt);
  // Opening now rather than waiting for the job keeps "opens immediately" immediate.
  if (outcome.value.opensAt.getTime() <= Date.now()) await openBallot(ballotId);
  return outcome;
}

/** scheduled → draft, while it has not opened yet (to correct it). */
export async function unscheduleBallot(actorId: string, ballotId: number): Promise<Result<null>> {
  const outcome = await db.transaction(async (tx): Promise<Result<null>> => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for('update');
    if (!ballot || ballot.status !== 'scheduled') return { ok: false, errors: { form: 'votes.notEditable' } };
    await tx.update(ballots).set({ status: 'draft', updatedAt: new Date() }).where(eq(ballots.id, ballotId));
    await recordAudit(tx, { actorId, action: 'ballot.unschedule', targetType: 'ballot', targetId: ballotId, before: { status: 'scheduled' }, after: { status: 'draft' } });
    return { ok: true, value: null };
  });
  if (outcome.ok) await cancelBallotMoves(ballotId);
  return outcome;
}
