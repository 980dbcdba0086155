import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listProjects } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { ProjectStage } from '#app/components/ui/IdeaStatus';
import { useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminProjects', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'ideas.manage-projects');
  return { projects: await listProjects() };
}

export default function AdminProjects() {
  const { projects } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <>
      <h1>{t('page.adminProjects')}</h1>
      <p><Link to="/admin/projects/new" className="button">{t('ideas.newProject')}</Link></p>
      {projects.length === 0 ? <p className="empty-state">{t('admin.empty')}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ideas.project')}</th>
              <th scope="col">{t('ideas.stage')}</th>
              <th scope="col">{t('ideas.ideasHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td><Link to={`/admin/projects/${p.id}`}>{localTitle(locale, p)}</Link></td>
                <td><ProjectStage stage={p.stage} /></td>
                <td>{p.ideas}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
