// The published ledger and results of a ballot, as open data: the ledger streamed from a cursor (CSV or JSON),
// the results (tally from the ledger, chain head, entry count, turnout) as one small JSON document.
import { sql } from '#app/utils/db.server';
import { ledgerTally } from './ballot-lifecycle.server';
import { genesisHash, type PublishedResults } from './ledger';
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
  const tally = await ledgerTally(ballotId);
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
      options: q.options.map((o) => ({ id: o.id, label: { ru: o.labelRu, en: o.labelEn }, ideaId: o.ideaId, votes: tally[String(q.id)]?.[String(o.id)] ?? 0 })),
    })),
    turnout: await turnout(ballotId),
    ledger: { csv: `/votes/${ballotId}/ledger.csv`, json: `/votes/${ballotId}/ledger.json`, format: 'docs/ballot-ledger.md' },
  };
  return results;
}

/** Written by Postgres's COPY (numbers, hex hashes and canonical JSON: the CSV csv-stringify would write). */
export function streamLedgerCsv(ballotId: number): ReadableStream<Uint8Array> {
  if (!Number.isSafeInteger(ballotId)) throw new Error(`not a ballot id: ${ballotId}`);
  return copyCsvStream(`SELECT ${ledgerColumns.join(', ')} FROM ballot_ledger WHERE ballot_id = ${ballotId} ORDER BY seq`);
}

export function streamLedgerJson(ballotId: number): ReadableStream<Uint8Array> {
  return jsonStream(ledgerBatches(ballotId), (r) => ({ seq: r.seq, receipt_hash: r.receipt_hash, choices: r.choices, prev_hash: r.prev_hash, entry_hash: r.entry_hash }));
}
