// Ranked, graded and budget ballots end to end over HTTP: the form's bad answers, the cast, the close and the
// publication from the ledger, the decisions with their amounts, results.json and the verify-ballot CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ballotCasts, decisions, implementationItems, implementationUpdates, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { sweepBallots } from '#app/modules/votes/ballot-lifecycle.server';
import { castVote } from '#app/modules/votes/cast-vote.server';
import { closeLive } from '#app/modules/votes/live.server';
import { Browser, newResident } from '../support/app';
import { closingTimeNow, districtIdByCode, makeBallot, makeResidents } from '../support/votes';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

afterAll(async () => {
  await closeLive();
  await closeConnections();
});

type Ballot = Awaited<ReturnType<typeof makeBallot>>;
const optionIds = (b: Ballot, qi = 0) => b.questions[qi]!.options.map((o) => o.id);
/** The form fields of a ranking: option index → rank. */
const ranks = (b: Ballot, given: Record<number, string>, qi = 0) => Object.fromEntries(Object.entries(given).map(([i, r]) => [`q${b.questions[qi]!.id}.${optionIds(b, qi)[Number(i)]}`, r]));
const cart = (b: Ballot, indexes: number[], qi = 0) => ({ [`q${b.questions[qi]!.id}`]: indexes.map((i) => String(optionIds(b, qi)[i])) });

async function verifiedResident(label: string) {
  const { browser, email } = await newResident(label);
  await db.update(users).set({ verified: true, districtId: await districtIdByCode('sadovy'), birthYear: 1990 }).where(eq(users.email, email));
  return browser;
}

const verify = async (...args: string[]) => {
  try {
    const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/verify-ballot.ts'), ...args], { cwd: root });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
};

describe('bad answers to the new kinds: a 400 with the message beside the question, nothing stored', () => {
  // A fresh resident per test: a person may post ten ballots a minute.
  let browser: Browser;
  beforeEach(async () => {
    browser = await verifiedResident('kinds-bad');
  });

  const refused = async (ballot: Ballot, fields: Record<string, string | string[]>, message: string) => {
    const response = await browser.post(`/votes/${ballot.id}`, fields);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain(`id="field-q${ballot.questions[0]!.id}-error"`);
    expect(html).toContain(message);
    expect(await db.select().from(ballotCasts).where(eq(ballotCasts.ballotId, ballot.id))).toHaveLength(0);
  };

  it('ranked: nothing ranked, one rank twice, a rank out of range, a stray option', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'ranked', options: 3 }] });
    await refused(ballot, ranks(ballot, { 0: '', 1: '' }), 'Rank at least one option');
    await refused(ballot, ranks(ballot, { 0: '1', 1: '1' }), 'Give each rank to one option only');
    await refused(ballot, ranks(ballot, { 0: '4' }), 'Choose a rank from the list');
    await refused(ballot, ranks(ballot, { 0: 'first' }), 'Choose a rank from the list');
    const other = await makeBallot({ questions: [{ kind: 'ranked', options: 2 }] });
    const response = await browser.post(`/votes/${ballot.id}`, { ...ranks(ballot, { 0: '1' }), [`q${ballot.questions[0]!.id}.${other.questions[0]!.options[0]!.id}`]: '2' });
    expect(response.status).toBe(400);
  });

  it('graded: an option left ungraded, a grade off the scale', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'graded', options: 3 }] });
    await refused(ballot, ranks(ballot, { 0: '5', 1: '3' }), 'Grade every option');
    await refused(ballot, ranks(ballot, { 0: '5', 1: '3', 2: '6' }), 'Grade every option');
  });

  it('budget: an empty cart, an over-budget cart, under the minimum, more projects than allowed, a project of another budget', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'budget', options: 4, budget: 1000, minSpend: 300, costs: [600, 500, 200, 100], maxChoices: 2 }] });
    await refused(ballot, {}, 'Choose at least one project');
    await refused(ballot, cart(ballot, [0, 1]), 'The projects you chose cost more than the budget');
    await refused(ballot, cart(ballot, [3]), 'Your cart spends less than the minimum');
    await refused(ballot, cart(ballot, [0, 2, 3]), 'Choose fewer answers');
    // An approval question takes a cart over the budget, but not more projects than allowed.
    const approval = await makeBallot({ questions: [{ kind: 'budget', cart: 'approval', maxChoices: 2, options: 3, budget: 1000, costs: [600, 500, 200] }] });
    await refused(approval, cart(approval, [0, 1, 2]), 'Choose fewer answers');
    expect((await browser.post(`/votes/${approval.id}`, cart(approval, [0, 1]))).status).toBe(200);
    const otherDistrict = await makeBallot({ questions: [{ kind: 'budget', options: 2, costs: [100, 100] }] });
    await refused(ballot, { [`q${ballot.questions[0]!.id}`]: [String(otherDistrict.questions[0]!.options[0]!.id)] }, 'Choose one of the options');
    // The page says the budget, shows each cost and the running total (0 before any choice, as without JavaScript).
    const page = await (await browser.get(`/votes/${ballot.id}`)).text();
    expect(page).toContain('up to a total of 1\u00a0000\u00a0RUB');
    expect(page).toContain('600\u00a0RUB');
    expect(page).toContain('Your cart: 0\u00a0RUB of 1\u00a0000\u00a0RUB');
    // A valid cart is taken.
    browser = await verifiedResident('kinds-cart');
    const ok = await browser.post(`/votes/${ballot.id}`, cart(ballot, [0, 2]));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Your vote is counted');
  });
});

describe('ranked, graded and budget ballots counted, published and verified', () => {
  const [M, N, C, K] = [0, 1, 2, 3];
  let ranked: Ballot;
  let graded: Ballot;
  let budget: Ballot;
  let receipt: string;
  let dir: string;

  beforeAll(async () => {
    // Tennessee, scaled to 20 voters (8 : 5 : 3 : 4 of the 42 : 26 : 15 : 17): Schulze elects Nashville; instant runoff Knoxville.
    ranked = await makeBallot({ questions: [{ kind: 'ranked', options: 4, rule: 'schulze' }, { kind: 'ranked', options: 4, rule: 'instant-runoff' }] });
    const profile = [...Array(8).fill([M, N, C, K]), ...Array(5).fill([N, C, K, M]), ...Array(3).fill([C, K, N, M]), ...Array(4).fill([K, C, N, M])] as number[][];
    const voters = await makeResidents(profile.length);
    for (const [i, order] of profile.entries()) {
      const fields = { ...ranks(ranked, Object.fromEntries(order.map((o, r) => [o, String(r + 1)])), 0), ...ranks(ranked, Object.fromEntries(order.map((o, r) => [o, String(r + 1)])), 1) };
      const cast = await castVote(voters[i]!, ranked.id, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])));
      expect(cast.ok).toBe(true);
    }
    // Majority judgment: A and B share the majority grade Good (3); A wins at the third median (Very good vs Good).
    graded = await makeBallot({ questions: [{ kind: 'graded', options: 3 }] });
    const grades = [[5, 4, 0], [4, 3, 1], [3, 3, 2], [3, 3, 1], [1, 0, 5]];
    const judges = await makeResidents(grades.length);
    for (const [i, g] of grades.entries()) {
      const fields = ranks(graded, Object.fromEntries(g.map((grade, o) => [o, String(grade)])));
      expect((await castVote(judges[i]!, graded.id, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])))).ok).toBe(true);
    }
    // The Pabulib format page's example (Wieliczka): greedy funds projects 4 and 5, equal shares 4 and 1.
    // Approval of up to 3 projects, as in the example (max_length 3): a cart may cost more than the budget.
    const wieliczka = { kind: 'budget', cart: 'approval', maxChoices: 3, options: 5, budget: 2500, costs: [600, 800, 1400, 1000, 1200] } as const;
    budget = await makeBallot({ questions: [{ ...wieliczka, rule: 'equal-shares' }, { ...wieliczka, rule: 'greedy' }] });
    const carts = [[0, 1, 2], [0, 1], [1, 2, 3], [3, 4], [0, 2, 4], [0, 4], [3], [2], [1, 2, 3], [2, 3]];
    const residents = await makeResidents(carts.length);
    for (const [i, c] of carts.entries()) {
      const r = await castVote(residents[i]!, budget.id, { ...cart(budget, c, 0), ...cart(budget, c, 1) });
      expect(r.ok).toBe(true);
      if (r.ok && i === 4) receipt = r.value.receipt;
    }
    for (const b of [ranked, graded, budget]) await closingTimeNow(b.id);
    await sweepBallots();
    dir = mkdtempSync(join(tmpdir(), 'kinds-'));
  });

  it('elects by Schulze and by instant runoff, and shows the pairwise matrix and the rounds', async () => {
    const html = await (await new Browser().get(`/votes/${ranked.id}`)).text();
    const [, n, , k] = ranked.questions[0]!.options.map((o) => o.labelEn);
    expect(html).toContain(`data-testid="winners-${ranked.questions[0]!.id}">Winner: ${n}`);
    expect(html).toContain(`data-testid="winners-${ranked.questions[1]!.id}">Winner: ${k}`);
    expect(html).toContain('Pairwise comparisons');
    expect(html).toContain('Rounds of the instant runoff');
    const rows = await db.select().from(decisions).where(eq(decisions.ballotId, ranked.id));
    expect(rows.map((d) => d.optionId).sort()).toEqual([ranked.questions[0]!.options[N]!.id, ranked.questions[1]!.options[K]!.id].sort());
  });

  it('elects by majority judgment and explains the tie-break', async () => {
    const html = await (await new Browser().get(`/votes/${graded.id}`)).text();
    const [a, b] = graded.questions[0]!.options.map((o) => o.labelEn);
    expect(html).toContain(`Winner: ${a}`);
    expect(html).toContain(`“${a}” ranks above “${b}”: the same majority grade; after it is taken away 2 times, Very good against Good.`);
  });

  it('funds by equal shares and by the greedy rule, explains each project, and turns funded projects into decisions with their amount', async () => {
    const html = await (await new Browser().get(`/votes/${budget.id}`)).text();
    const [p1, , p4, p5] = budget.questions[0]!.options.map((o) => o.labelEn);
    expect(html).toContain(`data-testid="winners-${budget.questions[0]!.id}">Winner: ${p4}, ${p1}`);
    expect(html).toContain(`data-testid="winners-${budget.questions[1]!.id}">Winner: ${p4}, ${p5}`);
    expect(html).toContain('2\u00a0000\u00a0RUB of 2\u00a0500\u00a0RUB spent');
    expect(html).toContain('Only 100\u00a0RUB was left when its turn came.');
    const funded = await db.select().from(decisions).where(eq(decisions.ballotId, budget.id));
    const byOption = new Map(funded.map((d) => [d.optionId, d]));
    expect(byOption.get(optionIds(budget, 0)[2]!)).toMatchObject({ amount: 1400, currency: 'RUB' });
    expect(byOption.get(optionIds(budget, 0)[0]!)).toMatchObject({ amount: 600, currency: 'RUB' });
    expect(funded).toHaveLength(4);
    const page = await (await new Browser().get(`/decisions/${byOption.get(optionIds(budget, 0)[2]!)!.id}`)).text();
    expect(page).toContain('Funded: 1\u00a0400\u00a0RUB');
  });

  it('records the amount spent on a funded decision with a progress update, refuses a bad one, and shows it, audits it and publishes it', async () => {
    const funded = (await db.select().from(decisions).where(eq(decisions.ballotId, budget.id))).find((d) => d.optionId === optionIds(budget, 0)[2]);
    const [unfunded] = await db.select().from(decisions).where(eq(decisions.ballotId, ranked.id));
    expect(funded!.amount).toBe(1400);
    expect(unfunded!.amount).toBeNull();
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const itemOf = async (decisionId: number) => {
      expect((await admin.post(`/decisions/${decisionId}`, { intent: 'item', titleRu: 'Работы', titleEn: 'Works', departmentId: '', dueOn: '2027-05-01' })).status).toBe(302);
      const [item] = await db.select().from(implementationItems).where(eq(implementationItems.decisionId, decisionId));
      return item!.id;
    };
    const item = await itemOf(funded!.id);
    const progress = (itemId: number, amountSpent?: string) => ({ intent: 'progress', itemId: String(itemId), text: 'Paid the contractor', progress: '40', status: 'in_progress', ...(amountSpent === undefined ? {} : { amountSpent }) });
    const spentNow = async (id: number) => (await db.select().from(decisions).where(eq(decisions.id, id)))[0]!.amountSpent;
    const updates = async (itemId: number) => (await db.select().from(implementationUpdates).where(eq(implementationUpdates.itemId, itemId))).length;

    // Only staff who manage votes record it.
    const resident = await verifiedResident('spent');
    expect((await resident.post(`/decisions/${funded!.id}`, progress(item, '300'))).status).toBe(403);
    expect(await spentNow(funded!.id)).toBeNull();

    expect((await admin.post(`/decisions/${funded!.id}`, progress(item, '300'))).status).toBe(302);
    expect(await spentNow(funded!.id)).toBe(300);
    const audit = await sql<{ before: { amountSpent: number | null }; after: { amountSpent: number } }[]>`
      SELECT before, after FROM audit_log WHERE action = 'decision.progress' AND target_type = 'implementation_item' AND target_id = ${String(item)}`;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before.amountSpent).toBeNull();
    expect(audit[0]!.after.amountSpent).toBe(300);

    // A negative, an over-bound and a typed amount: a field message, nothing stored (neither the amount nor the update).
    for (const [bad, message] of [['-5', 'Must be between 0 and'], ['1000000000', 'Enter a whole number'], ['three hundred', 'Enter a whole number'], ['12.5', 'Enter a whole number']] as const) {
      const refused = await admin.post(`/decisions/${funded!.id}`, progress(item, bad));
      expect(refused.status, bad).toBe(400);
      const html = await refused.text();
      expect(html).toContain('<title>Error: ');
      expect(html).toMatch(new RegExp(`id="field-amountSpent-error">${message}`));
      expect(html).toContain(`value="${bad}"`);
    }
    expect(await spentNow(funded!.id)).toBe(300);
    expect(await updates(item)).toBe(1);

    // A decision no budget funded takes no amount spent.
    const other = await itemOf(unfunded!.id);
    const refused = await admin.post(`/decisions/${unfunded!.id}`, progress(other, '10'));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This decision was not funded from a budget, so no amount spent can be recorded');
    expect(await spentNow(unfunded!.id)).toBeNull();
    expect(await updates(other)).toBe(0);

    // An update without the field keeps the amount; a later one raises it.
    expect((await admin.post(`/decisions/${funded!.id}`, progress(item))).status).toBe(302);
    expect(await spentNow(funded!.id)).toBe(300);
    expect((await admin.post(`/decisions/${funded!.id}`, progress(item, '1250'))).status).toBe(302);
    expect(await spentNow(funded!.id)).toBe(1250);

    // Beside the amount allotted, on the page and in the list, in both languages.
    const page = await (await new Browser().get(`/decisions/${funded!.id}`)).text();
    expect(page).toContain('Funded: 1\u00a0400\u00a0RUB');
    expect(page).toContain('Spent 1\u00a0250\u00a0RUB of 1\u00a0400\u00a0RUB');
    expect(await (await new Browser().get('/decisions')).text()).toContain('Spent 1\u00a0250\u00a0RUB of 1\u00a0400\u00a0RUB');
    const ru = await (await new Browser().request(`/decisions/${funded!.id}`, { headers: { 'Accept-Language': 'ru' } })).text();
    expect(ru).toContain('Потрачено 1\u00a0250\u00a0RUB из 1\u00a0400\u00a0RUB');
    expect(await (await new Browser().get(`/decisions/${unfunded!.id}`)).text()).not.toContain('Spent ');

    // In the open data and the API.
    const rows = parse(await (await new Browser().get('/data/decision-progress/decision-progress.csv')).text(), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.decision_id === String(funded!.id))).toMatchObject({ amount: '1400', amount_spent: '1250', currency: 'RUB' });
    expect(rows.find((r) => r.decision_id === String(unfunded!.id))).toMatchObject({ amount: '', amount_spent: '' });
    const api = (await (await new Browser().get(`/api/v1/decisions/${funded!.id}`)).json()) as Record<string, unknown>;
    expect(api).toMatchObject({ amount: 1400, amount_spent: 1250, currency: 'RUB' });
    const openapi = (await (await new Browser().get('/api/v1/openapi.json')).json()) as { components: { schemas: { Decision: { properties: Record<string, unknown> } } } };
    expect(Object.keys(openapi.components.schemas.Decision.properties)).toEqual(expect.arrayContaining(['amount', 'amount_spent', 'currency']));
  });

  it('publishes the winners in results.json and verify-ballot recounts every rule from the ledger', async () => {
    const browser = new Browser();
    for (const b of [ranked, graded, budget]) {
      writeFileSync(join(dir, `ledger-${b.id}.csv`), await (await browser.get(`/votes/${b.id}/ledger.csv`)).text());
      writeFileSync(join(dir, `results-${b.id}.json`), await (await browser.get(`/votes/${b.id}/results.json`)).text());
      const ok = await verify(join(dir, `ledger-${b.id}.csv`), '--results', join(dir, `results-${b.id}.json`), ...(b === budget ? ['--receipt', receipt] : []));
      expect(ok.stdout).toContain('OK: the chain is intact');
      expect(ok.code).toBe(0);
    }
    const results = JSON.parse(readFileSync(join(dir, `results-${budget.id}.json`), 'utf8')) as { questions: { rule: string; winners: number[] }[] };
    expect(results.questions.map((q) => [q.rule, q.winners])).toEqual([
      ['equal-shares', [optionIds(budget, 0)[2], optionIds(budget, 0)[0]]],
      ['greedy', [optionIds(budget, 1)[2], optionIds(budget, 1)[3]]],
    ]);
    // The equal-shares question in the Pabulib format: META, each project with its votes and outcome, a vote per entry.
    const pb = await (await browser.get(`/votes/${budget.id}/budget/${budget.questions[0]!.id}.pb`)).text();
    const lines = pb.split('\n');
    expect(lines.slice(0, 2)).toEqual(['META', 'key;value']);
    expect(lines).toEqual(expect.arrayContaining(['num_projects;5', 'num_votes;10', 'budget;2500', 'vote_type;approval', 'rule;equalshares/add1', 'PROJECTS', 'project_id;cost;votes;name;selected', 'VOTES', 'voter_id;vote']));
    const ids = optionIds(budget, 0);
    expect(lines).toEqual(expect.arrayContaining([`${ids[0]};600;4;Ответ 1;1`, `${ids[2]};1400;6;Ответ 3;1`, `${ids[3]};1000;5;Ответ 4;0`]));
    expect(lines.slice(lines.indexOf('voter_id;vote') + 1).filter(Boolean)).toHaveLength(10);
    // A city that published other winners than its ledger elects is caught.
    results.questions[0]!.winners = [optionIds(budget, 0)[2]!, optionIds(budget, 0)[3]!];
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(results));
    const forged = await verify(join(dir, `ledger-${budget.id}.csv`), '--results', join(dir, 'forged.json'));
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(/question \d+ \(equal-shares\): the ledger elects \d+, \d+, the published result says \d+, \d+/);
  });
});
