// Counting ranked ballots, with no server dependency: the results page explains these counts and the
// verify-ballot CLI recounts the published ledger with the same code.

/** One voter's order of preference, most preferred first; options left out rank below all listed, equal among themselves. */
export type Ranking = number[];

export type SchulzeCount = {
  options: number[];
  /** d[i][j]: voters who prefer options[i] to options[j]. */
  pairwise: number[][];
  /** p[i][j]: strength of the strongest path from options[i] to options[j] (0 when there is none). */
  strongest: number[][];
  /** The Schulze order: groups of options tied at each place, best first. */
  order: number[][];
  winners: number[];
};

/** Voters preferring each option to each other: an option listed beats every option listed later or left out. */
export function pairwiseMatrix(options: number[], rankings: Iterable<Ranking>): number[][] {
  const index = new Map(options.map((o, i) => [o, i]));
  const d = options.map(() => options.map(() => 0));
  for (const ranking of rankings) {
    const listed = ranking.filter((o) => index.has(o)).map((o) => index.get(o)!);
    const unlisted = options.map((_, i) => i).filter((i) => !listed.includes(i));
    listed.forEach((winner, place) => {
      for (const loser of [...listed.slice(place + 1), ...unlisted]) d[winner]![loser]! += 1;
    });
  }
  return d;
}

/**
 * The Schulze method (winning votes): a link i→j has strength d[i][j] when d[i][j] > d[j][i]; the strongest path
 * is the widest path (Floyd–Warshall variant); i ranks above j when p[i][j] > p[j][i]. Options with the same
 * number of options they beat and none beating each other share a place, so a full tie gives every option as winner.
 */
export function schulze(options: number[], rankings: Iterable<Ranking>): SchulzeCount {
  const d = pairwiseMatrix(options, rankings);
  const n = options.length;
  const p = d.map((row, i) => row.map((v, j) => (i !== j && v > d[j]![i]! ? v : 0)));
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      for (let j = 0; j < n; j++) {
        if (j === i || j === k) continue;
        p[i]![j] = Math.max(p[i]![j]!, Math.min(p[i]![k]!, p[k]![j]!));
      }
    }
  }
  const beats = (i: number, j: number) => p[i]![j]! > p[j]![i]!;
  // The relation "beats" is transitive for Schulze, so sorting by the number beaten and grouping equals gives its order.
  const wins = options.map((_, i) => options.reduce((sum, __, j) => sum + (i !== j && beats(i, j) ? 1 : 0), 0));
  const byWins = options.map((_, i) => i).sort((a, b) => wins[b]! - wins[a]! || options[a]! - options[b]!);
  const order: number[][] = [];
  let previous = -1;
  for (const i of byWins) {
    if (previous >= 0 && wins[previous] === wins[i]) order.at(-1)!.push(options[i]!);
    else order.push([options[i]!]);
    previous = i;
  }
  return { options, pairwise: d, strongest: p, order, winners: order[0] ?? [] };
}

export type RunoffRound = {
  /** Continuing ballots per continuing option this round. */
  votes: Record<string, number>;
  /** Ballots whose listed options were all eliminated. */
  exhausted: number;
  eliminated: number[];
};

export type RunoffCount = { rounds: RunoffRound[]; winners: number[] };

/**
 * Instant runoff: each round counts every ballot for its highest continuing option; an option with more than half
 * of the continuing ballots wins; otherwise every option with the fewest votes is eliminated together (no random
 * draw: a tie at the bottom goes out at once). If that would leave none, the options still in are tied winners.
 */
export function instantRunoff(options: number[], rankings: Ranking[]): RunoffCount {
  const continuing = new Set(options);
  const rounds: RunoffRound[] = [];
  while (continuing.size) {
    const votes: Record<string, number> = Object.fromEntries([...continuing].map((o) => [String(o), 0]));
    let exhausted = 0;
    for (const ranking of rankings) {
      const top = ranking.find((o) => continuing.has(o));
      if (top === undefined) exhausted++;
      else votes[String(top)]! += 1;
    }
    const active = rankings.length - exhausted;
    const counts = [...continuing].map((o) => ({ o, v: votes[String(o)]! }));
    const best = Math.max(...counts.map((c) => c.v));
    if (active > 0 && best * 2 > active) {
      rounds.push({ votes, exhausted, eliminated: [] });
      return { rounds, winners: counts.filter((c) => c.v === best).map((c) => c.o) };
    }
    const fewest = Math.min(...counts.map((c) => c.v));
    const out = counts.filter((c) => c.v === fewest).map((c) => c.o).sort((a, b) => a - b);
    if (out.length === continuing.size) {
      rounds.push({ votes, exhausted, eliminated: [] });
      return { rounds, winners: active ? out : [] };
    }
    rounds.push({ votes, exhausted, eliminated: out });
    for (const o of out) continuing.delete(o);
  }
  return { rounds, winners: [] };
}
