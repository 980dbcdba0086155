// The results of published ballots, as pages, the API and /decisions show them. Reading them costs a handful of
// rows whatever the turnout: the tally shards are frozen from the close on (a cast needs an open ballot) and the
// seal refused to publish unless they equalled the count of the ledger (closeBallot). results.json and the
// verify-ballot CLI count the ledger itself, so a shard changed after the seal would show as a mismatch there.
import { sql as dsql } from 'drizzle-orm';
import { db } from '#app/utils/db.server';
import { questionOutcome, winners } from './ballot-lifecycle.server';
import type { QuestionCount } from './count-question';
import { countedWhole, ledgerCounts } from './ledger-count.server';
import type { Question } from './queries.server';

/** Votes per option id of each ballot, summed over its shards, in one query. */
export async function finalVotes(ballotIds: number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>(ballotIds.map((id) => [id, {}]));
  if (!ballotIds.length) return out;
  const rows = await db.execute<{ ballot_id: number; option_id: number; votes: string }>(dsql`
    SELECT q.ballot_id, s.option_id, sum(s.votes) AS votes FROM ballot_tally_shards s
    JOIN ballot_options o ON o.id = s.option_id JOIN ballot_questions q ON q.id = o.question_id
    WHERE q.ballot_id IN ${ballotIds} GROUP BY q.ballot_id, s.option_id`);
  for (const r of rows) out.get(r.ballot_id)![String(r.option_id)] = Number(r.votes);
  return out;
}

export type FinalResults = { votes: Record<string, number>; winners: Record<number, number[]>; tied: Record<number, number[]>; counts: Record<number, QuestionCount> };

/**
 * A published ballot's votes per option, each question's winners, the options tied for its last winning place, and
 * the full count of the ranked, graded and budget ones (counted from the ledger by their rule).
 */
export async function finalResults(ballot: { id: number; questions: Question[] }): Promise<FinalResults> {
  const [votes, counts] = await Promise.all([finalVotes([ballot.id]).then((v) => v.get(ballot.id)!), ledgerCounts(ballot.id, ballot.questions)]);
  const outcomes = ballot.questions.map((q) => [q.id, countedWhole(q) ? { winners: counts[q.id]!.winners, tied: [] as number[] } : questionOutcome(q, votes)] as const);
  return { votes, counts, winners: Object.fromEntries(outcomes.map(([id, o]) => [id, o.winners])), tied: Object.fromEntries(outcomes.map(([id, o]) => [id, o.tied])) };
}

export type Verdict = { labelRu: string; labelEn: string; percent: number; voters: number };

/**
 * The residents' verdicts on done decisions: for each published evaluation poll, its (first) question's winning
 * answer and its share. Two queries for the whole list.
 */
export async function verdicts(evaluationBallotIds: number[]): Promise<Map<number, Verdict>> {
  const out = new Map<number, Verdict>();
  if (!evaluationBallotIds.length) return out;
  const options = await db.execute<{ ballot_id: number; question_id: number; kind: Question['kind']; max_choices: number; option_id: number; label_ru: string; label_en: string }>(dsql`
    SELECT q.ballot_id, q.id AS question_id, q.kind, q.max_choices, o.id AS option_id, o.label_ru, o.label_en
    FROM ballots b
    JOIN LATERAL (SELECT * FROM ballot_questions WHERE ballot_id = b.id ORDER BY position LIMIT 1) q ON true
    JOIN ballot_options o ON o.question_id = q.id
    WHERE b.status = 'published' AND b.id IN ${evaluationBallotIds}
    ORDER BY o.position`);
  const votes = await finalVotes([...new Set(options.map((o) => o.ballot_id))]);
  for (const ballotId of votes.keys()) {
    const rows = options.filter((o) => o.ballot_id === ballotId);
    const question = { kind: rows[0]!.kind, maxChoices: rows[0]!.max_choices, options: rows.map((o) => ({ id: o.option_id })) };
    const counted = votes.get(ballotId)!;
    const total = rows.reduce((sum, o) => sum + (counted[String(o.option_id)] ?? 0), 0);
    const top = rows.find((o) => o.option_id === winners(question, counted)[0]);
    if (top && total) out.set(ballotId, { labelRu: top.label_ru, labelEn: top.label_en, percent: Math.round(((counted[String(top.option_id)] ?? 0) / total) * 100), voters: total });
  }
  return out;
}
