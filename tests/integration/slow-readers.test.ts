// A large download read slowly, against the real web server (scripts/serve.mjs): the server sends only as fast as
// the reader takes, so a resident on a slow line (or an attacker who opens downloads and never reads them) does not
// make the web process hold the whole file in memory.
import type { ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { startWeb, stopProcess } from '../support/processes';
import { publishedBallotWithLedger } from '../support/votes';

const port = 4200 + Number(process.env.VMESTE_PORT_OFFSET ?? 0) + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
// About 110 MB of CSV: more than the socket buffers on the way can hold (Postgres → web, web → reader: with Linux's
// autotuning up to tcp_rmem's 32 MB and tcp_wmem's 4 MB each), so a server that waits for the reader makes Postgres wait.
const rows = 500_000;
let web: ChildProcess;
let ballotId = 0;

beforeAll(async () => {
  web = await startWeb(port, { APP_URL: base });
  ballotId = await publishedBallotWithLedger(rows, { ru: 'Медленное чтение', en: 'Slow reader' });
}, 120_000);

afterAll(async () => {
  await stopProcess(web);
  // Deleting the ballot takes its ledger with it.
  if (ballotId) await sql`DELETE FROM ballots WHERE id = ${ballotId}`;
  await closeConnections();
});

/** The ledger's COPY for this ballot, if Postgres is still running it (the app's own role sees its queries). */
async function copyStillRunning(): Promise<boolean> {
  const running = await sql`SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE ${`COPY (SELECT % FROM ballot_ledger WHERE ballot_id = ${ballotId} %`}`;
  return running.length > 0;
}

describe('a large CSV download read slowly', () => {
  it('is read from Postgres only as fast as the reader takes it, and arrives whole once the reader goes on', async () => {
    const response = await new Promise<IncomingMessage>((resolve, reject) => httpRequest(`${base}/votes/${ballotId}/ledger.csv`).once('response', resolve).once('error', reject).end());
    expect(response.statusCode).toBe(200);
    // The reader takes the first piece and then stops reading, as a stalled connection does.
    const first: Buffer = await new Promise((resolve) => response.once('data', resolve));
    response.pause();
    const chunks: Buffer[] = [first];
    // A server that ignores the reader reads the rest from Postgres into its own memory within a second or two on an
    // idle machine, and the COPY ends; one that waits leaves Postgres waiting to send, the COPY still running.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await copyStillRunning(), 'the COPY ended while the reader read nothing: the web process took the whole file into memory').toBe(true);

    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.resume();
    await new Promise((resolve, reject) => response.once('end', resolve).once('error', reject));
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('seq,receipt_hash,choices,prev_hash,entry_hash');
    expect(lines).toHaveLength(rows + 1);
    expect(lines.at(-1)).toMatch(new RegExp(`^${rows},[0-9a-f]{64},`));
    expect(await copyStillRunning()).toBe(false);
  }, 120_000);
});
