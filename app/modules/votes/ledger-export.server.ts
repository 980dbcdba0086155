// The published ledger and results of a ballot, as open data: the ledger streamed from a cursor (CSV or JSON),
// the results (tally from the ledger, chain head, entry count, turnout) as one small JSON document.
import { sql } from '#app/utils/db.server';
import { ledgerTally } from './ballot-lifecycle.server';
import { env } from '#app/utils/env.server';
import { genesisHash, type Choices, type PublishedResults } from './ledger';
import { writePabulib } from './pabulib';
import { countedWhole, ledgerCounts } from './ledger-count.server';
import { getBallot, turnout } from './queries.server';
import { copyCsvStream, jsonStream } from '#app/utils/streams.server';

export const ledgerColumns = ['seq', 'receipt_hash', 'choices', 'prev_hash', 'entry_hash'] as const;

async function* ledgerBatches(ballotId: number) {
  const cursor = sql<{ seq: number; receipt_hash: string; choices: string; prev_hash: string; entry_hash: string }[]>`
    SELECT seq, receipt_hash, choices, prev_hash, entry_hash FROM ballot_ledger WHERE ballot_id = ${ballotId} ORDER BY seq`.cursor(1000);
  for await (const batch of cursor) yield batch;
}

/** A published ballot, or null (the ledger exists only once the ballot is published). */
export async function publishedBallot(ballotId: number) {
  const ballot = await getBallot(ballotId);
  return ballot && ballot.status === 'published' ? ballot : null;
}

export async function publishedResults(ballotId: number) {
  const ballot = await publishedBallot(ballotId);
  if (!ballot) return null;
  const [tally, counts] = await Promise.all([ledgerTally(ballotId), ledgerCounts(ballotId, ballot.questions)]);
  const results: PublishedResults & Record<string, unknown> = {
    ballotId,
    title: { ru: ballot.titleRu, en: ballot.titleEn },
    opensAt: ballot.opensAt?.toISOString() ?? null,
    closesAt: ballot.closesAt?.toISOString() ?? null,
    genesisHash,
    chainHead: ballot.chainHead ?? genesisHash,
    entryCount: ballot.entryCount ?? 0,
    questions: ballot.questions.map((q) => ({
      id: q.id,
      text: { ru: q.textRu, en: q.textEn },
      kind: q.kind,
      maxChoices: q.maxChoices,
      rule: q.rule,
      ...(q.kind === 'budget' ? { cart: q.cart!, budget: q.budget!, minSpend: q.minSpend, currency: q.currency! } : {}),
      // Ranked, graded and budget questions are counted from every answer: their winners, which verify-ballot recounts.
      ...(countedWhole(q) ? { winners: counts[q.id]!.winners } : {}),
      options: q.options.map((o) => ({ id: o.id, label: { ru: o.labelRu, en: o.labelEn }, ideaId: o.ideaId, votes: tally[String(q.id)]?.[String(o.id)] ?? 0, ...(q.kind === 'budget' ? { cost: o.cost } : {}) })),
    })),
    turnout: await turnout(ballotId),
    ledger: { csv: `/votes/${ballotId}/ledger.csv`, json: `/votes/${ballotId}/ledger.json`, format: 'docs/ballot-ledger.md' },
  };
  return results;
}

/** A published budget question in the Pabulib .pb format: its projects, its outcome, one approval vote per ledger entry. */
export async function pabulibOf(ballotId: number, questionId: number): Promise<string | null> {
  const ballot = await publishedBallot(ballotId);
  const q = ballot?.questions.find((x) => x.id === questionId && x.kind === 'budget');
  if (!ballot || !q) return null;
  const [entries, counts, district] = await Promise.all([
    sql<{ seq: number; choices: string }[]>`SELECT seq, choices FROM ballot_ledger WHERE ballot_id = ${ballotId} ORDER BY seq`,
    ledgerCounts(ballotId, [q]),
    ballot.districtIds.length === 1 ? sql<{ name_en: string }[]>`SELECT name_en FROM districts WHERE id = ${ballot.districtIds[0]!}` : [],
  ]);
  const funded = new Set(counts[q.id]!.winners);
  return writePabulib({
    description: `${ballot.titleEn}: ${q.textEn}`,
    country: env.CITY_COUNTRY,
    unit: env.CITY_NAME,
    subunit: district[0]?.name_en,
    instance: String((ballot.closesAt ?? new Date()).getUTCFullYear()),
    budget: q.budget!,
    currency: q.currency!,
    rule: q.rule === 'greedy' ? 'greedy' : 'equal-shares',
    maxLength: q.maxChoices < q.options.length ? q.maxChoices : undefined,
    minSpend: q.minSpend,
    dateBegin: ballot.opensAt,
    dateEnd: ballot.closesAt,
    language: 'ru',
    projects: q.options.map((o) => ({ id: o.id, cost: o.cost!, name: o.labelRu, selected: funded.has(o.id) })),
    votes: entries.map((e) => {
      const answer = (JSON.parse(e.choices) as Choices)[String(q.id)];
      return { voterId: e.seq, projects: Array.isArray(answer) ? answer : [] };
    }),
  });
}

/** Written by Postgres's COPY (numbers, hex hashes and canonical JSON: the CSV csv-stringify would write). */
export function streamLedgerCsv(ballotId: number): ReadableStream<Uint8Array> {
  if (!Number.isSafeInteger(ballotId)) throw new Error(`not a ballot id: ${ballotId}`);
  return copyCsvStream(`SELECT ${ledgerColumns.join(', ')} FROM ballot_ledger WHERE ballot_id = ${ballotId} ORDER BY seq`);
}

export function streamLedgerJson(ballotId: number): ReadableStream<Uint8Array> {
  return jsonStream(ledgerBatches(ballotId), (r) => ({ seq: r.seq, receipt_hash: r.receipt_hash, choices: r.choices, prev_hash: r.prev_hash, entry_hash: r.entry_hash }));
}
