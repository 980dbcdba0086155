import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { ballotsFor } from '#app/modules/votes/queries.server';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { useFormat, useT } from '#app/utils/use-app';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'nav.votes', messages: [votesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  const ballots = (await ballotsFor(user, ['open', 'scheduled', 'published'])).map((b) => ({
    id: b.id,
    titleRu: b.titleRu,
    titleEn: b.titleEn,
    status: b.status,
    opensAt: b.opensAt,
    closesAt: b.closesAt,
    voted: b.voted,
    why: b.why,
  }));
  const open = ballots.filter((b) => b.status === 'open');
  // Those the person may still vote in first, then those they voted in, then the ones they may not.
  const rank = (b: (typeof open)[number]) => (b.voted ? 1 : b.why ? 2 : 0);
  open.sort((a, b) => rank(a) - rank(b) || new Date(a.closesAt!).getTime() - new Date(b.closesAt!).getTime());
  return {
    signedIn: !!user,
    open,
    scheduled: ballots.filter((b) => b.status === 'scheduled'),
    published: ballots.filter((b) => b.status === 'published').reverse().slice(0, 20),
    now: Date.now(),
  };
}

export default function Votes() {
  const { dateTime, timeLeft } = useFormat();
  const { open, scheduled, published, now, signedIn } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const title = (b: { titleRu: string; titleEn: string }) => (locale === 'ru' ? b.titleRu : b.titleEn);
  return (
    <>
      <h1>{t('nav.votes')}</h1>
      <p className="lead">{t('home.votesText')}</p>
      <h2>{t('votes.openNow')}</h2>
      {open.length === 0 ? <p className="empty-state">{t('tool.votes.empty')}</p> : null}
      <ul className="list-plain">
        {open.map((b) => (
          <li key={b.id} className="card">
            <h3><Link to={`/votes/${b.id}`}>{title(b)}</Link></h3>
            <p>
              <BallotStatus status={b.status} /> {t('votes.timeLeft')}: <strong>{timeLeft(b.closesAt!, now)}</strong>
            </p>
            {b.voted ? <p className="muted">{t('votes.alreadyVoted')}</p> : b.why ? <p className="muted">{t('votes.cannotVote')} {t(b.why)}</p> : signedIn ? <p>{t('votes.youMayVote')}</p> : null}
          </li>
        ))}
      </ul>
      {scheduled.length ? (
        <>
          <h2>{t('votes.comingUp')}</h2>
          <ul>
            {scheduled.map((b) => (
              <li key={b.id}><Link to={`/votes/${b.id}`}>{title(b)}</Link> — {t('votes.opensAt')} {dateTime(b.opensAt!)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {published.length ? (
        <>
          <h2>{t('votes.results')}</h2>
          <ul>
            {published.map((b) => (
              <li key={b.id}><Link to={`/votes/${b.id}`}>{title(b)}</Link></li>
            ))}
          </ul>
        </>
      ) : null}
      <p><Link to="/decisions">{t('votes.decisionsLink')}</Link> · <Link to="/rewards">{t('votes.rewardsLink')}</Link></p>
    </>
  );
}
