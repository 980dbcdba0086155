// Reading the answer to a ranked, graded or budget question from the ballot form (client-safe: no server code).
// A ranked question sends q<id>.<optionId> = rank (1 = first, empty = not ranked); a graded one q<id>.<optionId> =
// grade (0–5); a budget one q<id> = each project in the cart, like a multiple choice.
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { answerProblem, gradeCount, type AnswerProblem, type CountableQuestion } from './count-question';
import type { Answer } from './ledger';

const problemMessage: Record<AnswerProblem, MessageKey> = {
  unknownQuestion: 'errors.choice',
  wrongShape: 'errors.choice',
  unknownOption: 'errors.choice',
  empty: 'votes.rankOne',
  onlyOne: 'votes.onlyOne',
  tooMany: 'votes.tooManyChoices',
  repeated: 'votes.rankTwice',
  badGrade: 'votes.gradeEach',
  ungraded: 'votes.gradeEach',
  overBudget: 'votes.overBudget',
  underMinimum: 'votes.underMinimum',
};

const whole = /^\d{1,3}$/;

export function readAnswer(q: CountableQuestion & { id: number }, raw: Record<string, string[]>): Result<Answer, MessageKey> {
  let answer: Answer;
  if (q.kind === 'budget') {
    const picked = raw[`q${q.id}`] ?? [];
    if (!picked.length) return { ok: false, errors: 'votes.cartEmpty' };
    if (picked.some((v) => !/^\d{1,10}$/.test(v))) return { ok: false, errors: 'errors.choice' };
    answer = [...new Set(picked.map(Number))].sort((a, b) => a - b);
  } else {
    const values: { option: number; value: number }[] = [];
    for (const o of q.options) {
      const given = raw[`q${q.id}.${o.id}`] ?? [];
      if (given.length > 1) return { ok: false, errors: 'errors.choice' };
      const text = (given[0] ?? '').trim();
      if (!text) continue;
      if (!whole.test(text)) return { ok: false, errors: q.kind === 'ranked' ? 'votes.rankNumber' : 'votes.gradeEach' };
      values.push({ option: o.id, value: Number(text) });
    }
    const stray = Object.keys(raw).some((k) => k.startsWith(`q${q.id}.`) && !q.options.some((o) => k === `q${q.id}.${o.id}`));
    if (stray || raw[`q${q.id}`]) return { ok: false, errors: 'errors.choice' };
    if (q.kind === 'ranked') {
      if (values.some((v) => v.value < 1 || v.value > q.options.length)) return { ok: false, errors: 'votes.rankNumber' };
      if (new Set(values.map((v) => v.value)).size !== values.length) return { ok: false, errors: 'votes.rankTwice' };
      // Gaps are forgiven (ranks 1 and 3 mean first and second); equal ranks are not.
      answer = { ranking: values.sort((a, b) => a.value - b.value).map((v) => v.option) };
    } else {
      if (values.some((v) => v.value >= gradeCount)) return { ok: false, errors: 'votes.gradeEach' };
      answer = { grades: Object.fromEntries(values.map((v) => [String(v.option), v.value])) };
    }
  }
  const problem = answerProblem(q, answer);
  return problem ? { ok: false, errors: problemMessage[problem] } : { ok: true, value: answer };
}
