import { describe, expect, it } from 'vitest';
import { equalShares, greedyBudget } from './count-budget';
import { majorityJudgment, majorityValue } from './count-graded';
import { instantRunoff, schulze } from './count-ranked';

const repeat = <T>(times: number, value: T): T[] => Array.from({ length: times }, () => value);

// Wikipedia, "Schulze method", the worked example: 45 voters, candidates A–E (here 1–5).
const [A, B, C, D, E] = [1, 2, 3, 4, 5];
const wikipedia = [
  ...repeat(5, [A, C, B, E, D]),
  ...repeat(5, [A, D, E, C, B]),
  ...repeat(8, [B, E, D, A, C]),
  ...repeat(3, [C, A, B, E, D]),
  ...repeat(7, [C, A, E, B, D]),
  ...repeat(2, [C, B, A, D, E]),
  ...repeat(7, [D, C, E, B, A]),
  ...repeat(8, [E, B, A, D, C]),
];

// Wikipedia's Tennessee capital example: 100 voters as shares, Memphis, Nashville, Chattanooga, Knoxville.
const [M, N, Ch, K] = [11, 12, 13, 14];
const tennessee = [...repeat(42, [M, N, Ch, K]), ...repeat(26, [N, Ch, K, M]), ...repeat(15, [Ch, K, N, M]), ...repeat(17, [K, Ch, N, M])];

describe('Schulze', () => {
  it('counts the published worked example: the pairwise matrix, the strongest paths, E > A > C > B > D', () => {
    const count = schulze([A, B, C, D, E], wikipedia);
    expect(count.pairwise).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    expect(count.strongest).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(count.order).toEqual([[E], [A], [C], [B], [D]]);
    expect(count.winners).toEqual([E]);
  });

  it('elects the Condorcet winner of the Tennessee example (Nashville), then Chattanooga, Knoxville, Memphis', () => {
    expect(schulze([M, N, Ch, K], tennessee).order).toEqual([[N], [Ch], [K], [M]]);
  });

  it('ties a perfect cycle: every option is a winner', () => {
    const count = schulze([A, B, C], [[A, B, C], [B, C, A], [C, A, B]]);
    expect(count.order).toEqual([[A, B, C]]);
    expect(count.winners).toEqual([A, B, C]);
  });

  it('ranks an option a voter left out below the ones listed (equal with the others left out), and ties two that split the voters', () => {
    const count = schulze([A, B, C], [[A], [B], [A, B], [B, A]]);
    expect(count.pairwise).toEqual([
      [0, 2, 3],
      [2, 0, 3],
      [0, 0, 0],
    ]);
    expect(count.order).toEqual([[A, B], [C]]);
  });
});

describe('instant runoff', () => {
  it('elects Knoxville in the Tennessee example after Chattanooga and Nashville go out', () => {
    const count = instantRunoff([M, N, Ch, K], tennessee);
    expect(count.rounds.map((r) => r.votes)).toEqual([
      { [M]: 42, [N]: 26, [Ch]: 15, [K]: 17 },
      { [M]: 42, [N]: 26, [K]: 32 },
      { [M]: 42, [K]: 58 },
    ]);
    expect(count.rounds.map((r) => r.eliminated)).toEqual([[Ch], [N], []]);
    expect(count.winners).toEqual([K]);
  });

  it('counts exhausted ballots apart and eliminates a tie at the bottom together', () => {
    const count = instantRunoff([A, B, C, D], [[A], [A], [A], [B], [B, A], [C], [D, C]]);
    expect(count.rounds[0]).toEqual({ votes: { [A]: 3, [B]: 2, [C]: 1, [D]: 1 }, exhausted: 0, eliminated: [C, D] });
    expect(count.rounds[1]).toEqual({ votes: { [A]: 3, [B]: 2 }, exhausted: 2, eliminated: [] });
    expect(count.winners).toEqual([A]);
  });

  it('ends in a tie when every option left has the same votes', () => {
    expect(instantRunoff([A, B], [[A], [B]]).winners).toEqual([A, B]);
    expect(instantRunoff([A, B], []).winners).toEqual([]);
  });
});

describe('majority judgment', () => {
  it('takes the lower median and removes it again and again for the majority value', () => {
    // Grades 5, 4, 3, 3, 1 → sorted 1 3 3 4 5: medians 3, then of 1 3 4 5 → 3, of 1 4 5 → 4, of 1 5 → 1, then 5.
    expect(majorityValue([0, 1, 0, 2, 1, 1])).toEqual([3, 3, 4, 1, 5]);
    // An even count takes the lower of the two middle grades: 1 2 3 4 → 2.
    expect(majorityValue([0, 1, 1, 1, 1])[0]).toBe(2);
  });

  it('breaks a tie of medians where the majority values first differ (Balinski–Laraki)', () => {
    const ballots = [
      { [A]: 5, [B]: 4, [C]: 0 },
      { [A]: 4, [B]: 3, [C]: 1 },
      { [A]: 3, [B]: 3, [C]: 2 },
      { [A]: 3, [B]: 3, [C]: 1 },
      { [A]: 1, [B]: 0, [C]: 5 },
    ];
    const count = majorityJudgment([A, B, C], 6, ballots);
    expect(count.options.map((o) => o.median)).toEqual([3, 3, 1]);
    expect(count.options[0]!.distribution).toEqual([0, 1, 0, 2, 1, 1]);
    expect(count.order).toEqual([[A], [B], [C]]);
    expect(count.winners).toEqual([A]);
    // A: 3 3 4 …, B: 3 3 3 …: they part at the third median; B above C on the medians themselves.
    expect(count.tieBreaks).toEqual([
      { above: A, below: B, step: 2, aboveGrade: 4, belowGrade: 3 },
      { above: B, below: C, step: 0, aboveGrade: 3, belowGrade: 1 },
    ]);
  });

  it('ties options graded alike, and elects nobody when nobody graded', () => {
    expect(majorityJudgment([A, B], 3, [{ [A]: 2, [B]: 1 }, { [A]: 1, [B]: 2 }]).winners).toEqual([A, B]);
    expect(majorityJudgment([A, B], 3, []).winners).toEqual([]);
  });
});

// pabulib.org/format, the example file: Wieliczka 2020, budget 2500, ten approval votes.
const wieliczka = { budget: 2500, projects: [{ id: 1, cost: 600 }, { id: 2, cost: 800 }, { id: 4, cost: 1400 }, { id: 5, cost: 1000 }, { id: 7, cost: 1200 }] };
const wieliczkaVotes = [[1, 2, 4], [1, 2], [2, 4, 5], [5, 7], [1, 4, 7], [1, 7], [5], [4], [2, 4, 5], [4, 5]];

describe('participatory budgets', () => {
  it('funds the Pabulib example greedily: 4 (6 votes) and 5 (5 votes); 1 and 2 no longer fit in the 100 left', () => {
    const count = greedyBudget(wieliczka.projects, wieliczka.budget, wieliczkaVotes);
    expect(count.funded).toEqual([4, 5]);
    expect(count.spent).toBe(2400);
    expect(count.projects.map((p) => [p.id, p.votes, p.reason, p.left])).toEqual([
      [4, 6, 'funded', 2500],
      [5, 5, 'funded', 1100],
      [1, 4, 'noRoom', 100],
      [2, 4, 'noRoom', 100],
      [7, 3, 'noRoom', 100],
    ]);
  });

  it('funds the Pabulib example by equal shares: 4, then 1 once the shares grow to 339 each (at 340, 5 would overspend)', () => {
    const count = equalShares(wieliczka.projects, wieliczka.budget, wieliczkaVotes);
    expect(count.funded).toEqual([4, 1]);
    expect(count.spent).toBe(2000);
    expect(count.perVoterShare).toBe(339);
    expect(count.projects.slice(0, 2).map((p) => [p.id, p.reason, p.round])).toEqual([
      [4, 'shares', 1],
      [1, 'shares', 2],
    ]);
    expect(count.projects.find((p) => p.id === 4)!.maxPayment).toBeCloseTo(1400 / 6);
    expect(count.projects.filter((p) => !p.funded).map((p) => [p.id, p.reason, p.left])).toEqual([
      [5, 'shortShares', 500],
      [2, 'shortShares', 500],
      [7, 'shortShares', 500],
    ]);
  });

  it('gives a 40 % minority its share where the greedy rule gives the majority everything', () => {
    const projects = [...Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, cost: 1 })), ...Array.from({ length: 10 }, (_, i) => ({ id: 200 + i, cost: 1 }))];
    const carts = [...repeat(6, projects.slice(0, 10).map((p) => p.id)), ...repeat(4, projects.slice(10).map((p) => p.id))];
    expect(greedyBudget(projects, 10, carts).funded).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(equalShares(projects, 10, carts).funded).toEqual([100, 101, 102, 103, 104, 105, 200, 201, 202, 203]);
  });

  it('funds nothing without voters and never more than the budget', () => {
    expect(equalShares(wieliczka.projects, 2500, []).funded).toEqual([]);
    const big = equalShares([{ id: 1, cost: 3000 }], 2500, [[1], [1]]);
    expect(big.funded).toEqual([]);
    expect(big.projects[0]!.reason).toBe('shortShares');
  });
});
