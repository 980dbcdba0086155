// A large export streams: the memory the process keeps does not grow with the rows sent.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { findDataset, streamResource } from '#app/modules/opendata/datasets.server';
import { streamLedgerCsv } from '#app/modules/votes/ledger-export.server';
import { csvStream } from '#app/utils/streams.server';
import { publishedBallotWithLedger } from '../support/votes';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
let ballotId = 0;

afterAll(async () => {
  // Deleting the ballot takes its ledger with it (the app role may not delete ledger rows itself).
  if (ballotId) await sql`DELETE FROM ballots WHERE id = ${ballotId}`;
  await closeConnections();
});

/** Twice as many queries at once as the pool has connections: one connection left stuck would keep its query waiting. */
async function everyConnectionAnswers(): Promise<number | string> {
  const all = Promise.all(Array.from({ length: 20 }, () => sql`SELECT 1 AS one, pg_sleep(0.05)`)).then((rows) => rows.length);
  return Promise.race([all, new Promise<string>((resolve) => setTimeout(() => resolve('a query got no connection within 20 s'), 20_000))]);
}

describe('a large open data export', () => {
  it('keeps the same heap after sending 100,000 ledger rows as after the first few thousand', async () => {
    const rows = 100_000;
    ballotId = await publishedBallotWithLedger(rows, { ru: 'Память', en: 'Memory check' });
    const dataset = findDataset('ballot-ledgers')!;
    const reader = streamResource(dataset, dataset.resources.find((r) => r.format === 'csv')!).getReader();
    const retained: number[] = [];
    let bytes = 0;
    let lines = 0;
    let nextLook = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (let i = value.indexOf(10); i >= 0; i = value.indexOf(10, i + 1)) lines += 1;
      // The heap left after a full collection, every half megabyte sent: what the export is holding on to.
      if (bytes >= nextLook) {
        nextLook += 2 ** 19;
        gc();
        retained.push(process.memoryUsage().heapUsed);
      }
    }
    expect(lines).toBeGreaterThan(rows);
    expect(bytes).toBeGreaterThan(rows * 200);
    expect(retained.length).toBeGreaterThan(5);
    const early = retained[1]!;
    const most = Math.max(...retained);
    // Flat: whatever was kept early on, tens of thousands of rows later at most a few MB more (the rows total ~25 MB).
    expect(most - early, `retained heap early ${(early / 2 ** 20).toFixed(1)} MiB, at most ${(most / 2 ** 20).toFixed(1)} MiB`).toBeLessThan(8 * 2 ** 20);
    // 100,000 rows (about 25 MB) and a full collection every half megabyte: about 10 s on an idle machine, over 30 s on a loaded one.
  }, 300_000);

  it('writes the per-ballot ledger with COPY exactly as csv-stringify writes the same rows', async () => {
    const rows = await sql`SELECT seq, receipt_hash, choices, prev_hash, entry_hash FROM ballot_ledger WHERE ballot_id = ${ballotId} AND seq <= 3 ORDER BY seq`;
    const expected = await new Response(csvStream((async function* () { yield rows; })(), ['seq', 'receipt_hash', 'choices', 'prev_hash', 'entry_hash'])).text();
    const lines = expected.split('\n');
    expect(lines[0]).toBe('seq,receipt_hash,choices,prev_hash,entry_hash');
    expect(lines[1]).toMatch(/^1,[0-9a-f]{64},"\{""1"":\[1\]\}",[0-9a-f]{64},[0-9a-f]{64}$/);
    const reader = streamLedgerCsv(ballotId).getReader();
    let text = '';
    const decoder = new TextDecoder();
    while (text.split('\n').length <= 4) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel();
    expect(text.split('\n').slice(0, 4).join('\n') + '\n').toBe(expected);
  });

  it('gives the connection back when the reader goes away mid-export, however often', async () => {
    // More abandoned downloads than the pool has connections: a connection kept by one would leave none for the query.
    for (let i = 0; i < 12; i++) {
      const reader = streamLedgerCsv(ballotId).getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
    }
    expect(await everyConnectionAnswers()).toBe(20);
  }, 60_000);

  it('gives the connection back after a whole export read slower than Postgres writes it', async () => {
    const reader = streamLedgerCsv(ballotId).getReader();
    let lines = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (let i = value.indexOf(10); i >= 0; i = value.indexOf(10, i + 1)) lines += 1;
      // A slow reader (5 ms per piece of about 64 KiB): Postgres's packets pile up and postgres.js pauses the socket now and then.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(lines).toBe(100_001);
    expect(await everyConnectionAnswers()).toBe(20);
  }, 120_000);
});
