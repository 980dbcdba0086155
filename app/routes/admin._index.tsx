import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.admin', messages: [] } satisfies PageHandle;

export default function AdminHome() {
  const { t } = useT();
  return (
    <>
      <h1>{t('page.admin')}</h1>
      <p className="lead">{t('admin.intro')}</p>
    </>
  );
}
