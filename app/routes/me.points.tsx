import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { myBallots, pointsBalance, pointsHistory } from '#app/modules/votes/queries.server';
import { keptReceipts } from '#app/modules/votes/kept-receipts.server';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { useDateTime, useT } from '#app/utils/use-app';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'votes.myPoints', messages: [votesMessages] } satisfies PageHandle;

/**
 * The person's points (balance and history) and the ballots they voted in — never what they chose — with the
 * receipts this browser keeps for them (from its cookie; the server stores none).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [balance, history, ballots, kept] = await Promise.all([pointsBalance(user.id), pointsHistory(user.id), myBallots(user.id), keptReceipts(request, user.id)]);
  const receipts = new Map(kept.map((k) => [k.ballotId, k.receipt]));
  return { balance, history, ballots: ballots.map((b) => ({ ...b, keptReceipt: receipts.get(b.id) ?? null })) };
}

export default function MyPoints() {
  const dateTime = useDateTime();
  const { balance, history, ballots } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const text = (ru: string | null, en: string | null) => (locale === 'ru' ? ru : en) ?? '';
  const pointsFor = (h: (typeof history)[number]) => {
    switch (h.reason) {
      case 'ballot':
        return t('votes.pointsForBallot', { title: text(h.ballotRu, h.ballotEn) });
      case 'idea':
        return h.ideaId ? <Link to={`/ideas/${h.ideaId}`}>{t('votes.pointsForIdea', { title: h.ideaTitle ?? '' })}</Link> : t('votes.pointsForIdea', { title: '—' });
      case 'report':
        return h.reportId ? <Link to={`/reports/${h.reportId}`}>{t('votes.pointsForReport', { address: h.reportAddress ?? '' })}</Link> : t('votes.pointsForReport', { address: '—' });
      case 'reward':
        return t('votes.pointsForReward', { title: text(h.rewardRu, h.rewardEn) });
      case 'survey':
        return h.surveyId ? <Link to={`/surveys/${h.surveyId}`}>{t('votes.pointsForSurvey')}</Link> : t('votes.pointsForSurvey');
    }
  };
  return (
    <>
      <h1>{t('votes.myPoints')}</h1>
      <p className="lead">{t('votes.balance')}: <strong data-testid="balance">{balance}</strong> · <Link to="/rewards">{t('votes.rewardsLink')}</Link></p>
      <h2>{t('votes.history')}</h2>
      {history.length === 0 ? <p className="empty-state">{t('votes.noPoints')}</p> : null}
      <ul>
        {history.map((h) => (
          <li key={h.id}>
            <strong>{h.delta > 0 ? `+${h.delta}` : h.delta}</strong> — {pointsFor(h)}{' '}
            <span className="muted">{dateTime(h.createdAt)}</span>
          </li>
        ))}
      </ul>
      <h2>{t('votes.myBallots')}</h2>
      <p className="muted">{t('votes.myBallotsPrivacy')} {t('votes.keptNone')}</p>
      {ballots.length === 0 ? <p className="empty-state">{t('votes.noBallotsYet')}</p> : null}
      <ul>
        {ballots.map((b) => (
          <li key={b.id}>
            <Link to={`/votes/${b.id}`}>{text(b.titleRu, b.titleEn)}</Link> <BallotStatus status={b.status} />
            {b.keptReceipt ? <> · <span className="muted">{t('votes.keptHere')}</span> <code data-testid="kept-receipt">{b.keptReceipt}</code></> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
