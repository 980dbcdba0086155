import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { projectResults } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { requireProject } from '#app/modules/ideas/project-access.server';
import { Badge } from '#app/components/ui/Badge';
import { useFormat, useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.projectResults', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ params }: LoaderFunctionArgs) {
  const project = await requireProject(params.slug);
  return { project: { slug: project.slug, titleRu: project.titleRu, titleEn: project.titleEn, stage: project.stage }, results: await projectResults(project.id) };
}

export default function ProjectResults() {
  const { project, results } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const { date } = useFormat();
  return (
    <>
      <h1>{t('page.projectResults')}: {localTitle(locale, project)}</h1>
      <p><Link to={`/projects/${project.slug}`}>{t('ideas.projectPage')}</Link></p>
      {results.length === 0 ? <p className="empty-state">{t('ideas.noResults')}</p> : null}
      {results.map((r) => {
        const progress = r.items.length ? Math.round(r.items.reduce((sum, i) => sum + i.progress, 0) / r.items.length) : 0;
        return (
          <article key={r.ideaId} className="card" aria-labelledby={`result-${r.ideaId}`}>
            <h2 id={`result-${r.ideaId}`}><Link to={`/ideas/${r.ideaId}`}>{r.title}</Link></h2>
            <p>
              <Badge tone="success">{t('ideas.status.accepted')}</Badge> {t('ideas.supports', { n: r.supportCount })}
            </p>
            {r.decisionId ? (
              <>
                <p>
                  <Link to={`/decisions/${r.decisionId}`}>{t('ideas.decision', { id: r.decisionId })}</Link> · {t(`ideas.decisionStatus.${(r.decisionStatus ?? 'planned') as 'planned'}`)}
                </p>
                <label htmlFor={`progress-${r.ideaId}`}>{t('ideas.progress', { percent: progress })}</label>{' '}
                <progress id={`progress-${r.ideaId}`} max={100} value={progress}>{progress} %</progress>
                <ul>
                  {r.items.map((item, i) => (
                    <li key={i}>
                      {locale === 'ru' ? item.titleRu : item.titleEn} — {t(`ideas.decisionStatus.${item.status as 'planned'}`)}, {item.progress} %{item.dueOn ? ` · ${t('ideas.dueOn', { date: date(item.dueOn) })}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">{t('ideas.noDecisionYet')}</p>
            )}
          </article>
        );
      })}
    </>
  );
}
