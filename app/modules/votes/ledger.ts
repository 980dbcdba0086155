// The ballot ledger's hashing and checking, with no server dependency: the web app seals with it and the
// `verify-ballot` CLI checks with it. The exact byte-level form is documented in docs/ballot-ledger.md.
import { createHash, randomBytes } from 'node:crypto';
import type { CountingRule } from './count-question';
import { answerProblem, answerProblemText, countQuestion } from './count-question';

/** The prev_hash of entry 1: 64 zeros. */
export const genesisHash = '0'.repeat(64);

/**
 * One question's answer: the chosen option ids (single, multiple, budget), the options in order of preference
 * (ranked: most preferred first, the rest unranked) or a grade per option (graded: 0 = reject … 5 = excellent).
 */
export type Answer = number[] | { ranking: number[] } | { grades: Record<string, number> };
export type Choices = Record<string, Answer>;
export type LedgerEntry = { seq: number; receipt_hash: string; choices: string; prev_hash: string; entry_hash: string };
/** Votes per option, per question: { "<questionId>": { "<optionId>": votes } }. */
export type Tally = Record<string, Record<string, number>>;

export const sha256hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Crockford base32 (no I, L, O, U): easy to read out and type. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as 32 Crockford base32 characters, shown in groups of four. */
export function newReceipt(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** The receipt as hashed: upper case, without dashes or spaces. */
export function normaliseReceipt(receipt: string): string {
  return receipt.replace(/[\s-]/g, '').toUpperCase();
}

export const receiptHash = (receipt: string) => sha256hex(normaliseReceipt(receipt));

const ascending = (a: number, b: number) => a - b;

function canonicalAnswer(answer: Answer): string {
  if (Array.isArray(answer)) return `[${[...answer].sort(ascending).join(',')}]`;
  if ('ranking' in answer) return `{"ranking":[${answer.ranking.join(',')}]}`;
  const options = Object.keys(answer.grades).map(Number).sort(ascending);
  return `{"grades":{${options.map((o) => `"${o}":${answer.grades[String(o)]}`).join(',')}}}`;
}

/**
 * Canonical choices: question ids ascending (numerically); a list of chosen options ascending, a ranking in the voter's
 * order, grades with option ids ascending; no spaces.
 */
export function canonicalChoices(choices: Choices): string {
  const questions = Object.keys(choices).map(Number).sort(ascending);
  return `{${questions.map((q) => `"${q}":${canonicalAnswer(choices[String(q)]!)}`).join(',')}}`;
}

/** The options an answer adds one live vote to: every chosen one; none for a ranking or grades (counted at the close). */
export const talliedOptions = (answer: Answer): number[] => (Array.isArray(answer) ? answer : []);

/** entry_hash = SHA-256 of prev_hash | seq | receipt_hash | canonical choices (UTF-8, "|" between the parts). */
export function entryHash(prevHash: string, seq: number, receiptHashHex: string, choices: string): string {
  return sha256hex(`${prevHash}|${seq}|${receiptHashHex}|${choices}`);
}

/** Chains casts in the order given (the sealer sorts them by receipt hash). */
export function buildChain(casts: { receiptHash: string; choices: Choices }[]): LedgerEntry[] {
  let prev = genesisHash;
  return casts.map((cast, i) => {
    const choices = canonicalChoices(cast.choices);
    const entry = { seq: i + 1, receipt_hash: cast.receiptHash, choices, prev_hash: prev, entry_hash: entryHash(prev, i + 1, cast.receiptHash, choices) };
    prev = entry.entry_hash;
    return entry;
  });
}

export function tallyChoices(all: Iterable<Choices>): Tally {
  const tally: Tally = {};
  for (const choices of all) {
    for (const [question, answer] of Object.entries(choices)) {
      const row = (tally[question] ??= {});
      for (const option of talliedOptions(answer)) row[String(option)] = (row[String(option)] ?? 0) + 1;
    }
  }
  return tally;
}

/** What the city published beside the ledger (results.json): the tally, the chain head and the count. */
export type PublishedResults = {
  ballotId: number;
  chainHead: string | null;
  entryCount: number | null;
  questions: PublishedQuestion[];
};

/**
 * A question as results.json publishes it. The new kinds also carry their counting rule and the winners (funded
 * projects) it gave, which the verifier recounts from the ledger; a budget question its amount and each project's cost.
 */
export type PublishedQuestion = {
  id: number;
  kind: 'single' | 'multiple' | 'ranked' | 'graded' | 'budget';
  maxChoices: number;
  rule?: CountingRule;
  cart?: 'knapsack' | 'approval';
  budget?: number;
  minSpend?: number | null;
  currency?: string;
  winners?: number[];
  options: { id: number; votes: number; cost?: number | null }[];
};

export type Problem = { line: number | null; message: string };
export type Verification = { problems: Problem[]; entries: number; head: string; tally: Tally };

const hex64 = /^[0-9a-f]{64}$/;

/** Parses the canonical choices text, or says why it is not canonical. */
export function parseChoices(text: string): Choices | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'choices are not JSON';
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'choices are not an object';
  const choices = value as Record<string, unknown>;
  const ids = (list: unknown) => Array.isArray(list) && list.every((o) => Number.isSafeInteger(o));
  for (const [q, answer] of Object.entries(choices)) {
    if (!/^\d+$/.test(q) || !answer || typeof answer !== 'object') return 'choices are malformed';
    if (Array.isArray(answer)) {
      if (!ids(answer)) return 'choices are malformed';
    } else if ('ranking' in answer) {
      if (Object.keys(answer).length !== 1 || !ids(answer.ranking)) return 'choices are malformed';
    } else if ('grades' in answer) {
      const grades = answer.grades;
      if (Object.keys(answer).length !== 1 || !grades || typeof grades !== 'object' || Array.isArray(grades)) return 'choices are malformed';
      if (Object.entries(grades).some(([o, g]) => !/^\d+$/.test(o) || !Number.isSafeInteger(g))) return 'choices are malformed';
    } else return 'choices are malformed';
  }
  if (canonicalChoices(choices as Choices) !== text) return 'choices are not in canonical form';
  return choices as Choices;
}

/**
 * Recomputes the chain from the entries alone (in file order; `line` is the 1-based data line) and every tally,
 * and compares them with the published results when given. Every problem is listed with its line.
 */
export function verifyLedger(entries: LedgerEntry[], published?: PublishedResults): Verification {
  const problems: Problem[] = [];
  let prev = genesisHash;
  const seen = new Set<string>();
  const all: { line: number; choices: Choices }[] = [];
  entries.forEach((entry, i) => {
    const line = i + 1;
    if (entry.seq !== line) problems.push({ line, message: `seq is ${entry.seq}, expected ${line} (a line is missing, added or out of order)` });
    if (!hex64.test(entry.receipt_hash)) problems.push({ line, message: 'receipt_hash is not 64 hex digits' });
    if (seen.has(entry.receipt_hash)) problems.push({ line, message: 'receipt_hash appears twice' });
    seen.add(entry.receipt_hash);
    if (entry.prev_hash !== prev) problems.push({ line, message: `prev_hash does not match the entry_hash of the line before` });
    const expected = entryHash(entry.prev_hash, entry.seq, entry.receipt_hash, entry.choices);
    if (entry.entry_hash !== expected) problems.push({ line, message: `entry_hash does not match its content (expected ${expected})` });
    const choices = parseChoices(entry.choices);
    if (typeof choices === 'string') problems.push({ line, message: choices });
    else all.push({ line, choices });
    prev = entry.entry_hash;
  });
  const tally = tallyChoices(all.map((a) => a.choices));
  if (published) {
    if (published.entryCount !== entries.length) problems.push({ line: null, message: `the ledger has ${entries.length} entries, the published count is ${published.entryCount}` });
    if (published.chainHead !== (entries.length ? prev : genesisHash)) problems.push({ line: null, message: `the chain head is ${prev}, the published head is ${published.chainHead}` });
    for (const q of published.questions) {
      for (const o of q.options) {
        const counted = tally[String(q.id)]?.[String(o.id)] ?? 0;
        if (counted !== o.votes) problems.push({ line: null, message: `question ${q.id}, option ${o.id}: the ledger counts ${counted}, the published tally says ${o.votes}` });
      }
    }
    for (const { line, choices } of all) {
      for (const [q, answer] of Object.entries(choices)) {
        const question = published.questions.find((x) => String(x.id) === q);
        const problem = question ? answerProblem(question, answer) : 'unknownQuestion';
        if (problem) problems.push({ line, message: answerProblemText[problem] });
      }
    }
    // The new kinds are counted from every answer: recount and compare the winners (funded projects) published.
    for (const q of published.questions) {
      if (!q.rule || q.rule === 'plurality') continue;
      const answers = all.map((a) => a.choices[String(q.id)]).filter((a): a is Answer => a !== undefined && !answerProblem(q, a));
      const recount = countQuestion(q, answers).winners;
      const said = q.winners ?? [];
      if (recount.join(',') !== said.join(',')) problems.push({ line: null, message: `question ${q.id} (${q.rule}): the ledger elects ${recount.join(', ') || 'nobody'}, the published result says ${said.join(', ') || 'nobody'}` });
    }
  }
  return { problems, entries: entries.length, head: entries.length ? prev : genesisHash, tally };
}

/** The age band a participation is counted in for the published turnout. */
export function ageBand(birthYear: number | null, year = new Date().getUTCFullYear()): string {
  if (!birthYear) return 'unknown';
  const age = year - birthYear;
  if (age < 18) return 'under-18';
  if (age < 30) return '18-29';
  if (age < 45) return '30-44';
  if (age < 60) return '45-59';
  return '60+';
}
