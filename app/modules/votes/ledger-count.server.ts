// The count of the questions of the new kinds (ranked, graded, budget), which need every answer, read from the sealed
// ledger: the publication elects from it, the results page explains it, results.json publishes its winners.
import { eq } from 'drizzle-orm';
import { ballotLedger } from '#db/schema/index';
import { db, type DbOrTx } from '#app/utils/db.server';
import { answerProblem, countQuestion, type QuestionCount } from './count-question';
import type { Answer, Choices } from './ledger';
import type { Question } from './queries.server';

export const countedWhole = (q: Pick<Question, 'rule'>) => q.rule !== 'plurality';

/** Each counted-whole question's count, by question id; nothing is read when the ballot has none. */
export async function ledgerCounts(ballotId: number, questions: Question[], tx: DbOrTx = db): Promise<Record<number, QuestionCount>> {
  const whole = questions.filter(countedWhole);
  if (!whole.length) return {};
  const rows = await tx.select({ choices: ballotLedger.choices }).from(ballotLedger).where(eq(ballotLedger.ballotId, ballotId));
  const all = rows.map((r) => JSON.parse(r.choices) as Choices);
  return Object.fromEntries(
    whole.map((q) => {
      const answers = all.map((c) => c[String(q.id)]).filter((a): a is Answer => a !== undefined && !answerProblem(q, a));
      return [q.id, countQuestion(q, answers)];
    }),
  );
}
