// One question's count from its answers, whatever its kind, and the check of one answer against its question: used
// by the cast (with the voter's messages), the publication, the results page and the verify-ballot CLI alike.
import type { Answer } from './ledger';
import { countBudget, type BudgetCount } from './count-budget';
import { majorityJudgment, type MajorityJudgment } from './count-graded';
import { instantRunoff, schulze, type RunoffCount, type SchulzeCount } from './count-ranked';

export type CountingRule = 'plurality' | 'schulze' | 'instant-runoff' | 'majority-judgment' | 'greedy' | 'equal-shares';
export type QuestionKind = 'single' | 'multiple' | 'ranked' | 'graded' | 'budget';

/** The grades of a graded question, 0 to 5: reject, poor, fair, good, very good, excellent. */
export const gradeCount = 6;

export type CountableQuestion = {
  kind: QuestionKind;
  maxChoices: number;
  rule?: CountingRule;
  /** A budget question: knapsack (the cart's total within the budget) or approval (up to maxChoices projects). */
  cart?: 'knapsack' | 'approval' | null;
  budget?: number | null;
  minSpend?: number | null;
  options: { id: number; cost?: number | null }[];
};

export type AnswerProblem = 'unknownQuestion' | 'wrongShape' | 'unknownOption' | 'empty' | 'onlyOne' | 'tooMany' | 'repeated' | 'badGrade' | 'ungraded' | 'overBudget' | 'underMinimum';

/** How the verifier words each problem. */
export const answerProblemText: Record<AnswerProblem, string> = {
  unknownQuestion: 'answers a question the ballot does not have',
  wrongShape: "the answer is not of the question's kind",
  unknownOption: 'chooses an option the question does not have',
  empty: 'answers nothing',
  onlyOne: 'chooses more than one option of a single-choice question',
  tooMany: 'chooses more options than allowed',
  repeated: 'ranks an option twice',
  badGrade: 'gives a grade outside the scale',
  ungraded: 'leaves an option without a grade',
  overBudget: 'fills a cart that costs more than the budget',
  underMinimum: 'fills a cart that spends less than the minimum',
};

/** What is wrong with an answer to a question, or null. */
export function answerProblem(q: CountableQuestion, answer: Answer): AnswerProblem | null {
  const known = new Set(q.options.map((o) => o.id));
  if (q.kind === 'ranked') {
    if (Array.isArray(answer) || !('ranking' in answer)) return 'wrongShape';
    if (!answer.ranking.length) return 'empty';
    if (answer.ranking.some((o) => !known.has(o))) return 'unknownOption';
    if (new Set(answer.ranking).size !== answer.ranking.length) return 'repeated';
    return null;
  }
  if (q.kind === 'graded') {
    if (Array.isArray(answer) || !('grades' in answer)) return 'wrongShape';
    const graded = Object.keys(answer.grades).map(Number);
    if (graded.some((o) => !known.has(o))) return 'unknownOption';
    if (Object.values(answer.grades).some((g) => !Number.isInteger(g) || g < 0 || g >= gradeCount)) return 'badGrade';
    if (graded.length !== known.size) return 'ungraded';
    return null;
  }
  if (!Array.isArray(answer)) return 'wrongShape';
  if (!answer.length) return 'empty';
  if (answer.some((o) => !known.has(o))) return 'unknownOption';
  if (new Set(answer).size !== answer.length) return 'repeated';
  if (q.kind === 'single' && answer.length > 1) return 'onlyOne';
  if (answer.length > q.maxChoices) return 'tooMany';
  if (q.kind === 'budget' && q.cart !== 'approval') {
    const cost = new Map(q.options.map((o) => [o.id, o.cost ?? 0]));
    const total = answer.reduce((sum, o) => sum + cost.get(o)!, 0);
    if (total > (q.budget ?? 0)) return 'overBudget';
    if (q.minSpend && total < q.minSpend) return 'underMinimum';
  }
  return null;
}

export type QuestionCount =
  | { rule: 'plurality'; winners: number[] }
  | { rule: 'schulze'; winners: number[]; schulze: SchulzeCount }
  | { rule: 'instant-runoff'; winners: number[]; runoff: RunoffCount; schulze: SchulzeCount }
  | { rule: 'majority-judgment'; winners: number[]; judgment: MajorityJudgment }
  | { rule: 'greedy' | 'equal-shares'; winners: number[]; budget: BudgetCount; other: BudgetCount };

/**
 * Counts the (valid) answers to one question of a new kind. A ranked question counted by instant runoff also shows
 * the pairwise matrix; a budget question is also counted by the other rule, so the page can compare the two.
 */
export function countQuestion(q: CountableQuestion, answers: Answer[]): QuestionCount {
  const ids = q.options.map((o) => o.id);
  const rule = q.rule ?? 'plurality';
  if (rule === 'schulze' || rule === 'instant-runoff') {
    const rankings = answers.map((a) => (!Array.isArray(a) && 'ranking' in a ? a.ranking : []));
    const counted = schulze(ids, rankings);
    if (rule === 'schulze') return { rule, winners: counted.winners, schulze: counted };
    const runoff = instantRunoff(ids, rankings);
    return { rule, winners: runoff.winners, runoff, schulze: counted };
  }
  if (rule === 'majority-judgment') {
    const judgment = majorityJudgment(ids, gradeCount, answers.map((a) => (!Array.isArray(a) && 'grades' in a ? a.grades : {})));
    return { rule, winners: judgment.winners, judgment };
  }
  if (rule === 'greedy' || rule === 'equal-shares') {
    const projects = q.options.map((o) => ({ id: o.id, cost: o.cost ?? 0 }));
    const carts = answers.filter((a): a is number[] => Array.isArray(a));
    const budget = countBudget(rule, projects, q.budget ?? 0, carts);
    const other = countBudget(rule === 'greedy' ? 'equal-shares' : 'greedy', projects, q.budget ?? 0, carts);
    return { rule, winners: budget.funded, budget, other };
  }
  return { rule: 'plurality', winners: [] };
}
