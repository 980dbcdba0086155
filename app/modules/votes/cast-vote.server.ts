import type { ParticipationChannel } from '#db/schema/index';
import { sql } from '#app/utils/db.server';
import { requestScope } from '#app/utils/request-scope.server';
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { readAnswer } from './answers';
import { ineligibility, type Voter } from './eligibility';
import { ageBand, canonicalChoices, newReceipt, receiptHash, talliedOptions, type Choices } from './ledger';
import { publishTallyChange } from './live.server';
import { cachedBallot, hasVoted, type Ballot } from './queries.server';

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

export type VoterFacts = Voter & { id: string };

/** A voter's eligibility facts: the signed-in session already read them; callers with only an id pay one read. */
async function voterFacts(voter: string | VoterFacts): Promise<VoterFacts | null> {
  if (typeof voter !== 'string') return voter;
  const [row] = await sql<{ verified: boolean; district_id: number | null; birth_year: number | null }[]>`SELECT verified, district_id, birth_year FROM users WHERE id = ${voter}`;
  return row ? { id: voter, verified: row.verified, districtId: row.district_id, birthYear: row.birth_year } : null;
}

/**
 * Casts a ballot in one statement, so one round trip and one implicit transaction: the ballot row share-locked
 * while it is open (the close, an UPDATE, waits for casts in flight and re-checked casts after it see it closed),
 * the participation (who; unique per ballot and person), and only if that row was new: the anonymous cast (what;
 * keyed by the receipt's hash), one random tally shard per chosen option, and the points credit. Answers whether
 * the ballot was open and whether this person's participation is the one inserted.
 */
export const castStatement = `
WITH ballot AS (
  SELECT id, points_reward FROM ballots WHERE id = $1 AND status = 'open' AND now() >= opens_at AND now() < closes_at FOR SHARE
), participation AS (
  INSERT INTO ballot_participations (ballot_id, user_id, district_id, age_band, channel)
  SELECT id, $2, $3, $4, $9::participation_channel FROM ballot ON CONFLICT DO NOTHING RETURNING ballot_id
), cast_row AS (
  INSERT INTO ballot_casts (ballot_id, receipt_hash, choices) SELECT ballot_id, $5, $6::text::jsonb FROM participation RETURNING 1
), shards AS (
  INSERT INTO ballot_tally_shards (option_id, shard, votes)
  SELECT t.option_id, t.shard, 1 FROM participation, unnest($7::int[], $8::smallint[]) AS t(option_id, shard) ORDER BY t.option_id
  ON CONFLICT (option_id, shard) DO UPDATE SET votes = ballot_tally_shards.votes + 1 RETURNING 1
), points AS (
  INSERT INTO points_ledger (user_id, delta, reason, ballot_id)
  SELECT $2, ballot.points_reward, 'ballot', ballot.id FROM ballot, participation WHERE ballot.points_reward > 0 ON CONFLICT DO NOTHING RETURNING 1
)
SELECT (SELECT count(*) FROM ballot)::int AS open, (SELECT count(*) FROM participation)::int AS cast`;

/**
 * Casts a ballot: the answers are checked against the ballot's questions and the voter against its audience, both
 * cached while the ballot is open (they cannot change from then on), then the one cast statement above decides,
 * in Postgres, whether the ballot is open and whether this is the person's first vote. Returns the receipt,
 * with the answers as recorded (the receipt page shows them), which is shown once and stored only as its hash; `channel` is kept with the participation (ADR 048), never the cast; live pages hear of the change, coalesced, after the commit.
 */
export async function castVote(
  voter: string | VoterFacts,
  ballotId: number,
  raw: Record<string, string[]>,
  channel: ParticipationChannel = 'web',
): Promise<Result<{ receipt: string; choices: Choices }, CastErrors>> {
  const [ballot, facts] = await Promise.all([cachedBallot(ballotId), voterFacts(voter)]);
  if (!ballot || !facts) return { ok: false, errors: { form: 'votes.notFound' } };
  if (ballot.status !== 'open') return { ok: false, errors: { form: 'votes.notOpen' } };
  const why = ineligibility(ballot, facts);
  if (why) return { ok: false, errors: { form: why } };
  const valid = validateChoices(ballot, raw);
  // Who already voted hears that first, rather than what is wrong with the answers (one more read, on this rare path only).
  if (!valid.ok) return (await hasVoted(ballotId, facts.id)) ? { ok: false, errors: { form: 'votes.alreadyVoted' } } : valid;
  const choices = valid.value;
  const receipt = newReceipt();
  // Options in ascending id order so two casts never wait on each other's shards in opposite orders.
  const options = Object.values(choices).flatMap(talliedOptions).sort((a, b) => a - b);
  const shards = options.map(() => Math.floor(Math.random() * tallyShards));
  const [row] = await sql.unsafe<{ open: number; cast: number }[]>(castStatement, [
    ballotId,
    facts.id,
    facts.districtId,
    ageBand(facts.birthYear),
    receiptHash(receipt),
    canonicalChoices(choices),
    options,
    shards,
    channel,
  ], { prepare: true });
  if (!row!.open) return { ok: false, errors: { form: 'votes.notOpen' } };
  // A concurrent or earlier cast by the same person (double click, two tabs) got there first.
  if (!row!.cast) return { ok: false, errors: { form: 'votes.alreadyVoted' } };
  publishTallyChange(ballotId);
  requestScope()?.set(castKey, { ballotId, userId: facts.id });
  return { ok: true, value: { receipt, choices } };
}

const castKey = Symbol('cast in this request');

/**
 * Who cast in this ballot in this very HTTP request (its action), or null. The page that answers a cast without
 * JavaScript then knows what it would read again (ADR 064): the ballot was open a moment ago (its cached structure
 * will do), the person has voted, and has not rated the vote yet (a rating needs the participation just made).
 */
export function castInThisRequest(ballotId: number): { userId: string } | null {
  const cast = requestScope()?.get(castKey) as { ballotId: number; userId: string } | undefined;
  return cast?.ballotId === ballotId ? { userId: cast.userId } : null;
}
