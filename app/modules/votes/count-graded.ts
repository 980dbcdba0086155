// Majority judgment (Balinski and Laraki), with no server dependency: each voter grades every option; an option's
// majority grade is the lower median of its grades; ties are broken by the majority value — remove one grade equal
// to the median and take the median again, as often as needed — compared grade by grade, as Belenios counts.

/** Grades run from 0 (reject) to gradeCount − 1 (excellent); a higher grade is better. */
export type Grades = Record<string, number>;

export type GradedOption = {
  id: number;
  /** Voters per grade, index = grade. */
  distribution: number[];
  /** The lower median; null when nobody graded the option. */
  median: number | null;
};

export type TieBreak = {
  /** The better option of a pair next to each other in the order. */
  above: number;
  below: number;
  /** How many median grades were removed before the two majority values differed (0 = the medians differ). */
  step: number;
  aboveGrade: number;
  belowGrade: number;
};

export type MajorityJudgment = { options: GradedOption[]; order: number[][]; winners: number[]; tieBreaks: TieBreak[] };

/** The majority value: the successive lower medians when the median grade is removed one at a time. */
export function majorityValue(distribution: number[]): number[] {
  const left = [...distribution];
  let total = left.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  while (total > 0) {
    // The lower median of an even count is the (n/2)-th grade from the bottom; of an odd count, the middle one.
    const rank = Math.ceil(total / 2);
    let seen = 0;
    let grade = 0;
    for (; grade < left.length; grade++) {
      seen += left[grade]!;
      if (seen >= rank) break;
    }
    out.push(grade);
    left[grade]! -= 1;
    total -= 1;
  }
  return out;
}

function compareValues(a: number[], b: number[]): { sign: number; step: number } {
  for (let step = 0; step < Math.max(a.length, b.length); step++) {
    const x = a[step] ?? -1;
    const y = b[step] ?? -1;
    if (x !== y) return { sign: x > y ? 1 : -1, step };
  }
  return { sign: 0, step: a.length };
}

export function majorityJudgment(options: number[], gradeCount: number, ballots: Iterable<Grades>): MajorityJudgment {
  const distributions = new Map(options.map((o) => [o, Array.from({ length: gradeCount }, () => 0)]));
  for (const ballot of ballots) {
    for (const [option, grade] of Object.entries(ballot)) {
      const row = distributions.get(Number(option));
      if (row && Number.isInteger(grade) && grade >= 0 && grade < gradeCount) row[grade]! += 1;
    }
  }
  const values = new Map(options.map((o) => [o, majorityValue(distributions.get(o)!)]));
  const sorted = [...options].sort((a, b) => -compareValues(values.get(a)!, values.get(b)!).sign || a - b);
  const order: number[][] = [];
  const tieBreaks: TieBreak[] = [];
  sorted.forEach((option, i) => {
    const previous = sorted[i - 1];
    if (previous === undefined) return void order.push([option]);
    const { sign, step } = compareValues(values.get(previous)!, values.get(option)!);
    if (sign === 0) return void order.at(-1)!.push(option);
    order.push([option]);
    tieBreaks.push({ above: previous, below: option, step, aboveGrade: values.get(previous)![step] ?? -1, belowGrade: values.get(option)![step] ?? -1 });
  });
  return {
    options: options.map((id) => ({ id, distribution: distributions.get(id)!, median: values.get(id)![0] ?? null })),
    order,
    winners: values.get(order[0]?.[0] ?? -1)?.length ? order[0]! : [],
    tieBreaks,
  };
}
