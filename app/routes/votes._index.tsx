import { useT } from '#app/utils/use-app';

export const handle = { title: 'nav.votes' };

export default function Votes() {
  const { t } = useT();
  return (
    <>
      <h1>{t('nav.votes')}</h1>
      <p className="lead">{t('home.votesText')}</p>
      <p className="empty-state">{t('tool.votes.empty')}</p>
    </>
  );
}
