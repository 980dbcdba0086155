// npm run verify-ballot -- <ledger.csv | ledger.json | URL> [--receipt CODE] [--results results.json | URL]
// Recomputes the hash chain and every tally from the ledger alone and compares them with the published results
// (by default fetched beside the ledger: …/results.json). Exits 0 when all agree, 1 with each problem and where
// it is, 2 when the input cannot be read. The format is documented in docs/ballot-ledger.md.
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { normaliseReceipt, receiptHash, sha256hex, verifyLedger, type LedgerEntry, type PublishedResults } from '../app/modules/votes/ledger';

const columns = ['seq', 'receipt_hash', 'choices', 'prev_hash', 'entry_hash'];

function usage(message: string): never {
  console.error(`${message}\nusage: npm run verify-ballot -- <ledger file or URL> [--receipt CODE] [--results FILE or URL]`);
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

/** The published results beside the ledger: --results, else …/results.json next to a URL, else a sibling file. */
function resultsLocation(ledger: string): string | null {
  if (resultsSource) return resultsSource;
  if (isUrl(ledger)) return ledger.replace(/ledger\.(csv|json)(\?.*)?$/, 'results.json');
  const candidates = [join(dirname(ledger), basename(ledger).replace(/ledger/, 'results').replace(/\.(csv|json)$/, '.json')), join(dirname(ledger), 'results.json')];
  return candidates.find((c) => c !== ledger && existsSync(c)) ?? null;
}

function parseLedger(text: string, name: string): LedgerEntry[] {
  const trimmed = text.trimStart();
  const rows: Record<string, unknown>[] = trimmed.startsWith('[') ? JSON.parse(trimmed) : parse(text, { columns: true, skip_empty_lines: true });
  if (!trimmed.startsWith('[')) {
    const header = text.split(/\r?\n/, 1)[0]!.split(',');
    if (header.join(',') !== columns.join(',')) throw new Error(`${name}: the header must be ${columns.join(',')}, not ${header.join(',')}`);
  }
  return rows.map((r) => ({ seq: Number(r.seq), receipt_hash: String(r.receipt_hash), choices: String(r.choices), prev_hash: String(r.prev_hash), entry_hash: String(r.entry_hash) }));
}

let entries: LedgerEntry[];
let published: PublishedResults | undefined;
let ledgerText: string;
try {
  ledgerText = await read(source);
  entries = parseLedger(ledgerText, source);
  const where = resultsLocation(source);
  if (!where) usage('no published results found beside the ledger; pass --results FILE or URL');
  published = JSON.parse(await read(where)) as PublishedResults;
  console.log(`ledger:  ${source} (${entries.length} entries, SHA-256 of the file ${sha256hex(ledgerText)})`);
  console.log(`results: ${where}`);
} catch (error) {
  console.error(`cannot read: ${(error as Error).message}`);
  process.exit(2);
}

const isCsv = !ledgerText.trimStart().startsWith('[');
const { problems, head, tally } = verifyLedger(entries, published);
for (const p of problems) console.log(`MISMATCH ${p.line === null ? 'overall' : `at entry ${p.line}${isCsv ? ` (file line ${p.line + 1})` : ''}`}: ${p.message}`);

if (receipt) {
  const wanted = receiptHash(receipt);
  const found = entries.find((e) => e.receipt_hash === wanted);
  if (found) console.log(`receipt ${normaliseReceipt(receipt)}: found at seq ${found.seq}, choices ${found.choices}`);
  else {
    console.log(`MISMATCH receipt ${normaliseReceipt(receipt)}: no entry has receipt_hash ${wanted}`);
    problems.push({ line: null, message: 'receipt not found' });
  }
}

if (problems.length) {
  console.log(`FAILED: ${problems.length} problem(s).`);
  process.exit(1);
}
console.log(`chain head ${head} matches the published head`);
for (const q of published!.questions) console.log(`question ${q.id}: ${q.options.map((o) => `option ${o.id} = ${tally[String(q.id)]?.[String(o.id)] ?? 0}`).join(', ')} (match)`);
console.log('OK: the chain is intact and every published count is recomputed from the ledger.');
