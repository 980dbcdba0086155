import { sql as dsql } from 'drizzle-orm';
import { ballotCasts, ballotParticipations, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { awardPoints } from './award-points.server';
import { ineligibility } from './eligibility';
import { readAnswer } from './answers';
import { ageBand, canonicalChoices, newReceipt, receiptHash, talliedOptions, type Choices } from './ledger';
import { publishTallyChange } from './live.server';
import { cachedBallot, type Ballot } from './queries.server';

/** Tally shards per option: concurrent casts for the same option spread over this many counter rows. */
export const tallyShards = 16;

export type CastErrors = { form?: MessageKey } & Partial<Record<`q${number}`, MessageKey>>;

/** Checks the answers against the ballot: every question answered, one choice or up to its maximum, known options. */
export function validateChoices(ballot: Pick<Ballot, 'questions'>, raw: Record<string, string[]>): Result<Choices, CastErrors> {
  const errors: CastErrors = {};
  const choices: Choices = {};
  for (const q of ballot.questions) {
    if (q.kind === 'ranked' || q.kind === 'graded' || q.kind === 'budget') {
      const answer = readAnswer(q, raw);
      if (answer.ok) choices[String(q.id)] = answer.value;
      else errors[`q${q.id}`] = answer.errors;
      continue;
    }
    const picked = [...new Set(raw[`q${q.id}`] ?? [])];
    const ids = picked.map(Number);
    if (!picked.length) errors[`q${q.id}`] = 'votes.chooseOne';
    else if (ids.some((id) => !q.options.some((o) => o.id === id))) errors[`q${q.id}`] = 'errors.choice';
    else if (q.kind === 'single' && ids.length > 1) errors[`q${q.id}`] = 'votes.onlyOne';
    else if (ids.length > q.maxChoices) errors[`q${q.id}`] = 'votes.tooManyChoices';
    else choices[String(q.id)] = ids.sort((a, b) => a - b);
  }
  for (const key of Object.keys(raw)) if (!ballot.questions.some((q) => `q${q.id}` === key || key.startsWith(`q${q.id}.`))) errors.form = 'errors.choice';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: choices };
}

/**
 * Casts a ballot in one transaction: the participation (who; unique per ballot and person), the anonymous cast
 * (what; keyed by the receipt's hash), one random tally shard per chosen option, and the points credit. The
 * ballot row is share-locked so the close (an UPDATE) waits for casts in flight and refuses later ones.
 * Returns the receipt, which is shown once and stored only as its hash.
 */
export async function castVote(userId: string, ballotId: number, raw: Record<string, string[]>): Promise<Result<{ receipt: string }, CastErrors>> {
  const ballot = await cachedBallot(ballotId);
  if (!ballot) return { ok: false, errors: { form: 'votes.notFound' } };
  const receipt = newReceipt();
  const outcome = await db.transaction(async (tx): Promise<Result<{ receipt: string }, CastErrors>> => {
    const [state] = await tx.execute<{ status: string; open: boolean; points_reward: number; verified_only: boolean; min_age: number | null; max_age: number | null }>(
      dsql`SELECT status, (now() >= opens_at AND now() < closes_at) AS open, points_reward, verified_only, min_age, max_age FROM ballots WHERE id = ${ballotId} FOR SHARE`,
    );
    if (!state || state.status !== 'open' || !state.open) return { ok: false, errors: { form: 'votes.notOpen' } };
    const [voter] = await tx.select({ verified: users.verified, districtId: users.districtId, birthYear: users.birthYear }).from(users).where(dsql`${users.id} = ${userId}`);
    if (!voter) return { ok: false, errors: { form: 'votes.notFound' } };
    const why = ineligibility({ verifiedOnly: state.verified_only, minAge: state.min_age, maxAge: state.max_age, districtIds: ballot.districtIds }, voter);
    if (why) return { ok: false, errors: { form: why } };
    // Who may not vote, or already did, hears that first, rather than what is wrong with the answers.
    const [voted] = await tx.select({ one: dsql`1` }).from(ballotParticipations).where(dsql`${ballotParticipations.ballotId} = ${ballotId} AND ${ballotParticipations.userId} = ${userId}`);
    if (voted) return { ok: false, errors: { form: 'votes.alreadyVoted' } };
    const valid = validateChoices(ballot, raw);
    if (!valid.ok) return valid;
    const choices = valid.value;
    const inserted = await tx
      .insert(ballotParticipations)
      .values({ ballotId, userId, districtId: voter.districtId, ageBand: ageBand(voter.birthYear) })
      .onConflictDoNothing()
      .returning({ ballotId: ballotParticipations.ballotId });
    // A concurrent cast by the same person (double click, two tabs) got there first.
    if (!inserted.length) return { ok: false, errors: { form: 'votes.alreadyVoted' } };
    await tx.insert(ballotCasts).values({ ballotId, receiptHash: receiptHash(receipt), choices: JSON.parse(canonicalChoices(choices)) as Choices });
    // Options in ascending id order so two casts never wait on each other's shards in opposite orders.
    // One statement for all of them: the rows are distinct options, taken in the order of the VALUES list.
    const options = Object.values(choices).flatMap(talliedOptions).sort((a, b) => a - b);
    if (options.length) {
      const rows = dsql.join(options.map((optionId) => dsql`(${optionId}, ${Math.floor(Math.random() * tallyShards)}, 1)`), dsql`, `);
      await tx.execute(dsql`INSERT INTO ballot_tally_shards (option_id, shard, votes) VALUES ${rows}
        ON CONFLICT (option_id, shard) DO UPDATE SET votes = ballot_tally_shards.votes + 1`);
    }
    await awardPoints(tx, userId, state.points_reward, { reason: 'ballot', ballotId });
    return { ok: true, value: { receipt } };
  });
  if (outcome.ok) await publishTallyChange(ballotId);
  return outcome;
}
