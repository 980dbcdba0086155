// npm run verify-ballot -- <ledger.csv | ledger.json | ballot-ledgers.csv | URL> [--receipt CODE] [--results FILE or URL]
// Recomputes the hash chain and every tally from the ledger alone and compares them with the published results
// (by default fetched beside the ledger: …/results.json). The catalogue's `ballot-ledgers` file holds every published
// ballot with a ballot_id column: each ballot's chain is checked against its own results (by default
// <site>/votes/<id>/results.json; --results may name them with {id}). A file with no results given or beside it is
// checked alone: its chain, its entries and the receipt, with the counts printed but compared with nothing.
// Exits 0 when all agree, 1 with each problem and where it is, 2 when the input cannot be read. The format is
// documented in docs/ballot-ledger.md.
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { normaliseReceipt, receiptHash, sha256hex, verifyLedger, type LedgerEntry, type PublishedResults } from '../app/modules/votes/ledger';

const columns = ['seq', 'receipt_hash', 'choices', 'prev_hash', 'entry_hash'];

function usage(message: string): never {
  console.error(`${message}\nusage: npm run verify-ballot -- <ledger file or URL> [--receipt CODE] [--results FILE or URL, with {id} for a file of many ballots]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let source: string | undefined;
let receipt: string | undefined;
let resultsSource: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--receipt') receipt = args[++i] ?? usage('--receipt needs a code');
  else if (args[i] === '--results') resultsSource = args[++i] ?? usage('--results needs a file or URL');
  else if (args[i]!.startsWith('--')) usage(`unknown option ${args[i]}`);
  else source = args[i];
}
if (!source) usage('no ledger given');
const isUrl = (s: string) => /^https?:\/\//.test(s);

async function read(s: string): Promise<string> {
  if (isUrl(s)) {
    const response = await fetch(s);
    if (!response.ok) throw new Error(`${s} answered ${response.status}`);
    return response.text();
  }
  return readFileSync(s, 'utf8');
}

/** One ballot's chain as read from the file: its entries and, for each, the line of the file it came from. */
type Chain = { ballotId: number | null; entries: LedgerEntry[]; lines: number[] };

/** The published results of one chain: --results ({id} filled in), else beside the ledger or on the same site. */
function resultsLocation(ledger: string, ballotId: number | null): string | null {
  if (resultsSource) return ballotId === null ? resultsSource : resultsSource.replaceAll('{id}', String(ballotId));
  if (ballotId !== null) return isUrl(ledger) ? `${new URL(ledger).origin}/votes/${ballotId}/results.json` : null;
  if (isUrl(ledger)) return ledger.replace(/ledger\.(csv|json)(\?.*)?$/, 'results.json');
  const candidates = [join(dirname(ledger), basename(ledger).replace(/ledger/, 'results').replace(/\.(csv|json)$/, '.json')), join(dirname(ledger), 'results.json')];
  return candidates.find((c) => c !== ledger && existsSync(c)) ?? null;
}

const entryOf = (r: Record<string, unknown>): LedgerEntry => ({ seq: Number(r.seq), receipt_hash: String(r.receipt_hash), choices: String(r.choices), prev_hash: String(r.prev_hash), entry_hash: String(r.entry_hash) });

/** One ballot's ledger (CSV or JSON), or the catalogue's file of every ballot (CSV with ballot_id first). */
function parseLedger(text: string, name: string): { chains: Chain[]; isCsv: boolean } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const entries = (JSON.parse(trimmed) as Record<string, unknown>[]).map(entryOf);
    return { chains: [{ ballotId: null, entries, lines: entries.map((_, i) => i + 1) }], isCsv: false };
  }
  const header = text.split(/\r?\n/, 1)[0]!.split(',');
  const combined = header[0] === 'ballot_id';
  const expected = combined ? ['ballot_id', ...columns] : columns;
  if (header.join(',') !== expected.join(',')) throw new Error(`${name}: the header must be ${columns.join(',')} (one ballot) or ballot_id,${columns.join(',')} (every ballot), not ${header.join(',')}`);
  // The ledger's fields never hold a line break, so row i is on file line i + 2 (after the header).
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  if (!combined) return { chains: [{ ballotId: null, entries: rows.map(entryOf), lines: rows.map((_, i) => i + 2) }], isCsv: true };
  const chains = new Map<number, Chain>();
  rows.forEach((r, i) => {
    const ballotId = Number(r.ballot_id);
    if (!Number.isSafeInteger(ballotId) || ballotId <= 0) throw new Error(`${name}: line ${i + 2}: ballot_id is not a ballot number`);
    const chain = chains.get(ballotId) ?? { ballotId, entries: [], lines: [] };
    chain.entries.push(entryOf(r));
    chain.lines.push(i + 2);
    chains.set(ballotId, chain);
  });
  return { chains: [...chains.values()], isCsv: true };
}

let chains: Chain[];
let isCsv: boolean;
const published = new Map<Chain, PublishedResults>();
try {
  const ledgerText = await read(source);
  ({ chains, isCsv } = parseLedger(ledgerText, source));
  const entries = chains.reduce((n, c) => n + c.entries.length, 0);
  console.log(`ledger:  ${source} (${chains.some((c) => c.ballotId !== null) ? `${chains.length} ballots, ` : ''}${entries} entries, SHA-256 of the file ${sha256hex(ledgerText)})`);
  for (const chain of chains) {
    const where = resultsLocation(source, chain.ballotId);
    if (!where) continue;
    const results = JSON.parse(await read(where)) as PublishedResults;
    if (chain.ballotId !== null && results.ballotId !== chain.ballotId) throw new Error(`${where} is the results of ballot ${results.ballotId}, not ${chain.ballotId}`);
    published.set(chain, results);
    console.log(`results: ${where}`);
  }
  if (published.size < chains.length) {
    console.log(`results: none given or found beside the ledger${chains.length > 1 ? ` for ${chains.length - published.size} of the ${chains.length} ballots` : ''}: the chain${chains.length > 1 ? 's are' : ' is'} checked alone and the counts are printed, not compared (--results FILE or URL to compare them)`);
  }
} catch (error) {
  console.error(`cannot read: ${(error as Error).message}`);
  process.exit(2);
}

let failures = 0;
const wanted = receipt ? receiptHash(receipt) : null;
let receiptFound = false;
for (const chain of chains) {
  const results = published.get(chain);
  const ballot = chain.ballotId === null ? '' : `ballot ${chain.ballotId}: `;
  const { problems, head, tally } = verifyLedger(chain.entries, results);
  for (const p of problems) console.log(`MISMATCH ${ballot}${p.line === null ? 'overall' : `at entry ${p.line}${isCsv ? ` (file line ${chain.lines[p.line - 1]})` : ''}`}: ${p.message}`);
  failures += problems.length;
  const found = wanted ? chain.entries.find((e) => e.receipt_hash === wanted) : undefined;
  if (found) {
    receiptFound = true;
    console.log(`receipt ${normaliseReceipt(receipt!)}: found ${chain.ballotId === null ? '' : `in ballot ${chain.ballotId} `}at seq ${found.seq}, choices ${found.choices}`);
  }
  if (problems.length) continue;
  if (!results) {
    console.log(`${ballot}chain intact: ${chain.entries.length} entries, head ${head} (compare it with the head the city published)`);
    for (const [q, options] of Object.entries(tally)) console.log(`${ballot}question ${q}: ${Object.entries(options).map(([o, n]) => `option ${o} = ${n}`).join(', ')} (counted, not compared)`);
    continue;
  }
  console.log(`${ballot}chain head ${head} matches the published head`);
  for (const q of results.questions) {
    // Ranked, graded and budget questions: verifyLedger recounted them by their rule and compared the winners.
    if (q.rule && q.rule !== 'plurality') console.log(`${ballot}question ${q.id} (${q.rule}): ${q.kind === 'budget' ? 'funds' : 'elects'} ${q.winners?.length ? q.winners.map((o) => `option ${o}`).join(', ') : 'nobody'} (match)`);
    else console.log(`${ballot}question ${q.id}: ${q.options.map((o) => `option ${o.id} = ${tally[String(q.id)]?.[String(o.id)] ?? 0}`).join(', ')} (match)`);
  }
}

if (wanted && !receiptFound) {
  console.log(`MISMATCH receipt ${normaliseReceipt(receipt!)}: no entry has receipt_hash ${wanted}`);
  failures += 1;
}

if (failures) {
  console.log(`FAILED: ${failures} problem(s).`);
  process.exit(1);
}
if (published.size === chains.length) console.log(`OK: the chain is intact and every published count is recomputed from the ledger${chains.length > 1 ? `, for each of the ${chains.length} ballots` : ''}.`);
else if (published.size === 0) console.log(`OK: the chain is intact${chains.length > 1 ? ` for each of the ${chains.length} ballots` : ''}${receipt ? ' and holds the receipt' : ''}; no published results were given, so the counts were not compared.`);
else console.log(`OK: every chain is intact; the counts of ${published.size} of the ${chains.length} ballots match their published results, the others had none to compare with.`);
