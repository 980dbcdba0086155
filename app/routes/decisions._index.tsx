import { Link, useLoaderData } from '@remix-run/react';
import { listDecisions } from '#app/modules/votes/queries.server';
import { verdicts } from '#app/modules/votes/results.server';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { useT } from '#app/utils/use-app';
import { votesMessages } from '#app/modules/votes/messages';
import { formatAmount } from '#app/utils/format';
import type { PageHandle } from '#app/root';

export const handle = { title: 'votes.decisions', messages: [votesMessages] } satisfies PageHandle;

/** Decisions with their progress and, once evaluated, the residents' verdict (the evaluation poll's winner). */
export async function loader() {
  const decisions = await listDecisions();
  const verdictOf = await verdicts(decisions.flatMap((d) => (d.evaluationBallotId ? [d.evaluationBallotId] : [])));
  return { decisions: decisions.map((d) => ({ ...d, verdict: (d.evaluationBallotId && verdictOf.get(d.evaluationBallotId)) || null })) };
}

export default function Decisions() {
  const { decisions } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  return (
    <>
      <h1>{t('votes.decisions')}</h1>
      <p className="lead">{t('votes.decisionsIntro')}</p>
      {decisions.length === 0 ? <p className="empty-state">{t('votes.noDecisions')}</p> : null}
      <ul className="cards">
        {decisions.map((d) => (
          <li key={d.id} className="card decision-card">
            <h2><Link to={`/decisions/${d.id}`}>{t('votes.decisionTitle', { question: text(d.questionRu, d.questionEn), answer: text(d.titleRu, d.titleEn) })}</Link></h2>
            <p>
              <BallotStatus status={d.status} /> {t('votes.fromBallot')}: <Link to={`/votes/${d.ballotId}`}>{text(d.ballotRu, d.ballotEn)}</Link>
            </p>
            {d.amount !== null ? (
              <p>
                {d.amountSpent !== null
                  ? t('votes.spentOf', { spent: formatAmount(d.amountSpent, d.currency), amount: formatAmount(d.amount, d.currency) })
                  : t('votes.fundedDecision', { amount: formatAmount(d.amount, d.currency) })}
              </p>
            ) : null}
            <p>
              <label htmlFor={`progress-${d.id}`}>{t('votes.progress')}: {d.progress}%</label>{' '}
              <progress id={`progress-${d.id}`} className="progress" max={100} value={d.progress}>{d.progress}%</progress>
            </p>
            {d.verdict ? (
              <p>
                {t('votes.verdict', { answer: text(d.verdict.labelRu, d.verdict.labelEn), percent: d.verdict.percent, n: d.verdict.voters })}
              </p>
            ) : d.evaluationBallotId ? (
              <p><Link to={`/votes/${d.evaluationBallotId}`}>{t('votes.evaluationOpen')}</Link></p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
