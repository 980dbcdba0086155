// Counting participatory-budget (approval) ballots, with no server dependency: the greedy rule cities use and the
// Method of Equal Shares (Peters and Skowron) as equalshares.net computes it — cost utilities, Add1 completion,
// then the greedy rule on what is left. Each project gets an outcome that the results page explains.

export type BudgetProject = { id: number; cost: number };

export type ProjectOutcome = {
  id: number;
  cost: number;
  votes: number;
  funded: boolean;
  /**
   * greedy: funded in vote order, or skipped because less than its cost was left (noRoom) or nobody chose it.
   * equal shares: funded by its supporters' equal shares (shares), by the greedy completion (completion), or not:
   * its supporters' remaining shares fell short of its cost (shortShares) and then no room was left for it (noRoom).
   */
  reason: 'funded' | 'shares' | 'completion' | 'noRoom' | 'shortShares' | 'noVotes';
  /** Budget left just before the project was considered (greedy) or when the count ended (not funded). */
  left: number;
  /** Equal shares: the place it was funded at, and the most any supporter paid. */
  round?: number;
  maxPayment?: number;
};

export type BudgetCount = { rule: 'greedy' | 'equal-shares'; budget: number; spent: number; funded: number[]; projects: ProjectOutcome[]; perVoterShare?: number };

const epsilon = 1e-9;

function approvals(projects: BudgetProject[], carts: Iterable<number[]>) {
  const supporters = new Map(projects.map((p) => [p.id, [] as number[]]));
  let voters = 0;
  for (const cart of carts) {
    for (const id of new Set(cart)) supporters.get(id)?.push(voters);
    voters++;
  }
  return { supporters, voters };
}

/** Most votes first; at equal votes the cheaper, then the lower id (a rule stated in advance, never a draw). */
const byVotes = (votes: (id: number) => number) => (a: BudgetProject, b: BudgetProject) => votes(b.id) - votes(a.id) || a.cost - b.cost || a.id - b.id;

/** The greedy rule: projects by votes, each funded if it still fits in what is left, else skipped. */
export function greedyBudget(projects: BudgetProject[], budget: number, carts: Iterable<number[]>): BudgetCount {
  const { supporters } = approvals(projects, carts);
  const votes = (id: number) => supporters.get(id)!.length;
  let left = budget;
  const outcomes: ProjectOutcome[] = [];
  for (const p of [...projects].sort(byVotes(votes))) {
    const v = votes(p.id);
    const fits = v > 0 && p.cost <= left + epsilon;
    outcomes.push({ id: p.id, cost: p.cost, votes: v, funded: fits, reason: fits ? 'funded' : v ? 'noRoom' : 'noVotes', left });
    if (fits) left -= p.cost;
  }
  const funded = outcomes.filter((o) => o.funded).map((o) => o.id);
  return { rule: 'greedy', budget, spent: budget - left, funded, projects: outcomes };
}

type SharesRun = { funded: { id: number; maxPayment: number }[]; spent: number; money: number[] };

/** One run of equal shares with a fixed share per voter: fund, one at a time, the project its supporters can pay with the smallest largest payment per unit of cost. */
function equalSharesRun(projects: BudgetProject[], supporters: Map<number, number[]>, voters: number, share: number): SharesRun {
  const money = Array.from({ length: voters }, () => share);
  const remaining = new Set(projects.filter((p) => supporters.get(p.id)!.length > 0).map((p) => p.id));
  const cost = new Map(projects.map((p) => [p.id, p.cost]));
  const funded: SharesRun['funded'] = [];
  let spent = 0;
  for (;;) {
    let best: { id: number; maxPayment: number; effective: number } | undefined;
    for (const id of remaining) {
      const price = cost.get(id)!;
      const who = supporters.get(id)!;
      const available = who.reduce((sum, i) => sum + money[i]!, 0);
      if (available < price - epsilon) continue;
      // The poorest pay all they have; the rest split what is left equally.
      const budgets = who.map((i) => money[i]!).sort((a, b) => a - b);
      let paid = 0;
      let maxPayment = price / who.length;
      for (let k = 0; k < budgets.length; k++) {
        const even = (price - paid) / (budgets.length - k);
        if (budgets[k]! >= even - epsilon) {
          maxPayment = even;
          break;
        }
        paid += budgets[k]!;
      }
      const effective = price / maxPayment;
      const better = !best || effective > best.effective + epsilon || (Math.abs(effective - best.effective) <= epsilon && byVotes((x) => supporters.get(x)!.length)({ id, cost: price }, { id: best.id, cost: cost.get(best.id)! }) < 0);
      if (better) best = { id, maxPayment, effective };
    }
    if (!best) return { funded, spent, money };
    for (const i of supporters.get(best.id)!) money[i] = Math.max(0, money[i]! - Math.min(money[i]!, best.maxPayment));
    spent += cost.get(best.id)!;
    funded.push({ id: best.id, maxPayment: best.maxPayment });
    remaining.delete(best.id);
  }
}

/**
 * The Method of Equal Shares: the budget is split equally among the voters; projects are bought by their supporters'
 * shares. Add1 completion: the share per voter is raised one currency unit at a time (or 0.1 % of the share when that
 * is more; at most 2000 runs) while the outcome still fits the real budget; what is then left goes by the greedy rule.
 */
export function equalShares(projects: BudgetProject[], budget: number, carts: Iterable<number[]>): BudgetCount {
  const { supporters, voters } = approvals(projects, carts);
  const votes = (id: number) => supporters.get(id)!.length;
  const baseShare = voters ? budget / voters : 0;
  let run: SharesRun = voters ? equalSharesRun(projects, supporters, voters, baseShare) : { funded: [], spent: 0, money: [] };
  let share = baseShare;
  const step = Math.max(1, baseShare / 1000);
  const supported = projects.filter((p) => votes(p.id) > 0).length;
  for (let runs = 0; voters && runs < 2000 && run.funded.length < supported; runs++) {
    const next = equalSharesRun(projects, supporters, voters, share + step);
    if (next.spent > budget + epsilon) break;
    run = next;
    share += step;
  }
  const outcomes = new Map<number, ProjectOutcome>();
  run.funded.forEach((f, i) => {
    const p = projects.find((x) => x.id === f.id)!;
    outcomes.set(f.id, { id: f.id, cost: p.cost, votes: votes(f.id), funded: true, reason: 'shares', left: 0, round: i + 1, maxPayment: f.maxPayment });
  });
  let left = budget - run.spent;
  let round = run.funded.length;
  for (const p of [...projects].sort(byVotes(votes))) {
    if (outcomes.has(p.id)) continue;
    const v = votes(p.id);
    if (v > 0 && p.cost <= left + epsilon) {
      outcomes.set(p.id, { id: p.id, cost: p.cost, votes: v, funded: true, reason: 'completion', left, round: ++round });
      left -= p.cost;
    }
  }
  for (const p of projects) {
    if (outcomes.has(p.id)) continue;
    const v = votes(p.id);
    outcomes.set(p.id, { id: p.id, cost: p.cost, votes: v, funded: false, reason: v ? 'shortShares' : 'noVotes', left });
  }
  const ordered = [...outcomes.values()].sort((a, b) => (a.round ?? Infinity) - (b.round ?? Infinity) || byVotes(votes)(a, b));
  return { rule: 'equal-shares', budget, spent: budget - left, funded: ordered.filter((o) => o.funded).map((o) => o.id), projects: ordered, perVoterShare: share };
}

export type BudgetRule = 'greedy' | 'equal-shares';
export const countBudget = (rule: BudgetRule, projects: BudgetProject[], budget: number, carts: Iterable<number[]>) =>
  rule === 'greedy' ? greedyBudget(projects, budget, carts) : equalShares(projects, budget, carts);
