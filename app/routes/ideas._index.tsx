import { useT } from '#app/utils/use-app';

export const handle = { title: 'nav.ideas' };

export default function Ideas() {
  const { t } = useT();
  return (
    <>
      <h1>{t('nav.ideas')}</h1>
      <p className="lead">{t('home.ideasText')}</p>
      <p className="empty-state">{t('tool.ideas.empty')}</p>
    </>
  );
}
