import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { can } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { assessedProjects } from '#app/modules/ideas/permissions.server';
import { listProjects } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { ProjectStage } from '#app/components/ui/IdeaStatus';
import { useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';
import { readFromReplica } from '#app/utils/read-replica.server';

export const handle = { title: 'nav.ideas', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const [projects, user] = await Promise.all([readFromReplica(request, listProjects), getCurrentUser(request)]);
  const expertScope = assessedProjects(user);
  return {
    projects,
    staff: {
      moderate: can(user, 'ideas.moderate', 'some'),
      manage: can(user, 'ideas.manage-projects'),
      assess: projects.filter((p) => expertScope === 'all' || expertScope.includes(p.id)).map((p) => p.slug),
    },
  };
}

export default function Ideas() {
  const { projects, staff } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <>
      <h1>{t('nav.ideas')}</h1>
      <p className="lead">{t('home.ideasText')}</p>
      {staff.moderate || staff.manage || staff.assess.length ? (
        <nav aria-label={t('ideas.staffLinks')}>
          <ul className="list-inline">
            {staff.moderate ? <li><Link to="/moderation/ideas">{t('page.ideasModeration')}</Link></li> : null}
            {staff.manage ? <li><Link to="/admin/projects">{t('page.adminProjects')}</Link></li> : null}
            {staff.assess.map((slug) => (
              <li key={slug}><Link to={`/expert/projects/${slug}`}>{t('ideas.expertLink', { project: localTitle(locale, projects.find((p) => p.slug === slug)!) })}</Link></li>
            ))}
          </ul>
        </nav>
      ) : null}
      {projects.length === 0 ? <p className="empty-state">{t('tool.ideas.empty')}</p> : null}
      <ul className="cards">
        {projects.map((p) => (
          <li key={p.id} className="card">
            {p.hasCover ? <img src={`/projects/${p.slug}/cover`} alt="" className="cover" loading="lazy" /> : null}
            <h2><Link to={`/projects/${p.slug}`}>{localTitle(locale, p)}</Link></h2>
            <p><ProjectStage stage={p.stage} /> {t('ideas.ideaCount', { n: p.ideas })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
