import { useT } from '#app/utils/use-app';

export const handle = { title: 'page.admin' };

export default function AdminHome() {
  const { t } = useT();
  return (
    <>
      <h1>{t('page.admin')}</h1>
      <p className="lead">{t('admin.intro')}</p>
    </>
  );
}
