import { describe, expect, it } from 'vitest';
import { ineligibility } from './eligibility';
import { ageBand, buildChain, canonicalChoices, entryHash, genesisHash, newReceipt, normaliseReceipt, parseChoices, receiptHash, sha256hex, verifyLedger } from './ledger';

describe('the ledger format', () => {
  it('writes choices canonically: questions and options ascending, no spaces', () => {
    expect(canonicalChoices({ '13': [43, 41], '2': [7] })).toBe('{"2":[7],"13":[41,43]}');
    expect(parseChoices('{"2":[7],"13":[41,43]}')).toEqual({ '2': [7], '13': [41, 43] });
    expect(parseChoices('{"13":[41,43],"2":[7]}')).toBe('choices are not in canonical form');
    expect(parseChoices('{"2": [7]}')).toBe('choices are not in canonical form');
  });

  it('hashes an entry as documented in docs/ballot-ledger.md', () => {
    const rh = sha256hex('ABCD2345EFGH6789JKMN0PQR1STV2WXY');
    expect(receiptHash('abcd-2345-efgh-6789-jkmn-0pqr-1stv-2wxy')).toBe(rh);
    expect(entryHash(genesisHash, 1, rh, '{"12":[40]}')).toBe(sha256hex(`${'0'.repeat(64)}|1|${rh}|{"12":[40]}`));
  });

  it('makes receipts of 160 random bits in groups of four', () => {
    const a = newReceipt();
    expect(a).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseReceipt(a)).toHaveLength(32);
    expect(new Set(Array.from({ length: 1000 }, newReceipt)).size).toBe(1000);
  });

  it('finds every kind of tampering in a chain', () => {
    const chain = buildChain(Array.from({ length: 5 }, (_, i) => ({ receiptHash: sha256hex(`r${i}`), choices: { '1': [i % 2 ? 10 : 11] } })));
    expect(verifyLedger(chain).problems).toEqual([]);
    const changed = chain.map((e, i) => (i === 2 ? { ...e, choices: '{"1":[10]}' === e.choices ? '{"1":[11]}' : '{"1":[10]}' } : e));
    expect(verifyLedger(changed).problems[0]).toMatchObject({ line: 3, message: expect.stringContaining('entry_hash') });
    expect(verifyLedger([chain[0]!, chain[2]!, chain[3]!, chain[4]!]).problems[0]).toMatchObject({ line: 2 });
    expect(verifyLedger([chain[1]!, chain[0]!, ...chain.slice(2)]).problems[0]).toMatchObject({ line: 1 });
  });

  it('counts age bands by year of birth', () => {
    expect(ageBand(2000, 2026)).toBe('18-29');
    expect(ageBand(1950, 2026)).toBe('60+');
    expect(ageBand(null)).toBe('unknown');
  });

  it('says why someone may not vote, checking verification first', () => {
    const audience = { verifiedOnly: true, minAge: 18, maxAge: 30, districtIds: [3] };
    expect(ineligibility(audience, { verified: false, districtId: 9, birthYear: 1950 }, 2026)).toBe('votes.why.notVerified');
    expect(ineligibility(audience, { verified: true, districtId: 9, birthYear: 2000 }, 2026)).toBe('votes.why.outsideDistricts');
    expect(ineligibility(audience, { verified: true, districtId: 3, birthYear: 2010 }, 2026)).toBe('votes.why.tooYoung');
    expect(ineligibility(audience, { verified: true, districtId: 3, birthYear: 2000 }, 2026)).toBeNull();
    expect(ineligibility({ ...audience, verifiedOnly: false, districtIds: [], minAge: null, maxAge: null }, { verified: false, districtId: null, birthYear: null })).toBeNull();
  });
});
