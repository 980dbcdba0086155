import { Link, useLoaderData } from '@remix-run/react';
import { ledgerTally, winners } from '#app/modules/votes/ballot-lifecycle.server';
import { getBallot, listDecisions } from '#app/modules/votes/queries.server';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { useT } from '#app/utils/use-app';

export const handle = { title: 'votes.decisions' };

/** The residents' verdict on a done decision: the winning answer of its published evaluation poll and its share. */
async function verdict(evaluationBallotId: number | null) {
  if (!evaluationBallotId) return null;
  const ballot = await getBallot(evaluationBallotId);
  const question = ballot?.questions[0];
  if (!ballot || ballot.status !== 'published' || !question) return null;
  const votes = (await ledgerTally(ballot.id))[String(question.id)] ?? {};
  const total = Object.values(votes).reduce((a, b) => a + b, 0);
  const top = question.options.find((o) => o.id === winners(question, votes)[0]);
  return top && total ? { labelRu: top.labelRu, labelEn: top.labelEn, percent: Math.round(((votes[String(top.id)] ?? 0) / total) * 100), voters: total } : null;
}

export async function loader() {
  const decisions = await listDecisions();
  return { decisions: await Promise.all(decisions.map(async (d) => ({ ...d, verdict: await verdict(d.evaluationBallotId) }))) };
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
      <ul className="list-plain">
        {decisions.map((d) => (
          <li key={d.id} className="card">
            <h2><Link to={`/decisions/${d.id}`}>{text(d.titleRu, d.titleEn)}</Link></h2>
            <p>
              <BallotStatus status={d.status} /> {t('votes.fromBallot')}: <Link to={`/votes/${d.ballotId}`}>{text(d.ballotRu, d.ballotEn)}</Link>
            </p>
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
