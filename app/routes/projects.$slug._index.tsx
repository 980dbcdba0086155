import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { listIdeas } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { requireProject } from '#app/modules/ideas/project-access.server';
import { listQuerySchema } from '#app/modules/ideas/schemas';
import { stageAllows } from '#app/modules/ideas/stages';
import { Field, SelectField } from '#app/components/forms/Field';
import { IdeaStatus, ProjectStage } from '#app/components/ui/IdeaStatus';
import { localName } from '#app/utils/i18n';
import { searchParamsOf } from '#app/utils/search-params.server';
import { useFormat, useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.project', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const project = await requireProject(params.slug);
  const query = await searchParamsOf(request, listQuerySchema);
  const page = await listIdeas(project.id, query);
  return { project, query, page, canPropose: stageAllows(project.stage, 'propose') };
}

export default function ProjectPage() {
  const { dateTime, date } = useFormat();
  const { project, query, page, canPropose } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const filters = new URLSearchParams(Object.entries({ sort: query.sort, tag: query.tag, q: query.q }).filter((e): e is [string, string] => !!e[1]));
  const link = (extra: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(filters), ...extra })}`;
  const current = project.stages.findIndex((s) => s.stage === project.stage);
  return (
    <>
      <h1>{localTitle(locale, project)}</h1>
      {project.hasCover ? <img src={`/projects/${project.slug}/cover`} alt="" className="cover" /> : null}
      <p><ProjectStage stage={project.stage} /> {project.districts.length ? t('ideas.audienceDistricts', { list: project.districts.map((d) => localName(locale, d)).join(', ') }) : t('ideas.audienceCity')}</p>
      <p className="report-text">{locale === 'ru' ? project.descriptionRu : project.descriptionEn}</p>
      <h2>{t('ideas.timeline')}</h2>
      <ol className="stages">
        {project.stages.map((s, i) => (
          <li key={s.stage} aria-current={s.stage === project.stage ? 'step' : undefined} className={i < current ? 'stages__past' : s.stage === project.stage ? 'stages__current' : undefined}>
            <strong>{t(`ideas.stage.${s.stage}`)}</strong> <span className="muted">{date(s.startsOn)} — {date(s.endsOn)}</span>
          </li>
        ))}
      </ol>
      <p>
        {canPropose ? <Link to={`/projects/${project.slug}/new`} className="button">{t('ideas.propose')}</Link> : <span className="muted">{t('ideas.closedForIdeas')}</span>}{' '}
        {['results', 'implementing', 'done'].includes(project.stage) ? <Link to={`/projects/${project.slug}/results`}>{t('page.projectResults')}</Link> : null}
      </p>
      <h2>{t('ideas.listTitle')}</h2>
      <Form method="get" className="form filters" role="search" aria-label={t('ideas.listTitle')}>
        <div className="row">
          <Field name="q" type="search" label={t('ideas.searchWords')} defaultValue={query.q ?? ''} />
          <Field name="tag" type="text" label={t('ideas.tag')} defaultValue={query.tag ?? ''} />
          <SelectField name="sort" label={t('ideas.sort')} defaultValue={query.sort} options={(['new', 'supported', 'discussed'] as const).map((s) => ({ value: s, label: t(`ideas.sort.${s}`) }))} />
        </div>
        <button type="submit" className="button button--secondary">{t('ideas.show')}</button>
      </Form>
      {page.items.length === 0 ? <p className="empty-state">{query.q || query.tag ? t('ideas.noneFound') : canPropose ? t('ideas.noneYet') : t('ideas.noneFound')}</p> : null}
      <ul className="list-plain idea-list">
        {page.items.map((idea) => (
          <li key={idea.id}>
            <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> {idea.status !== 'published' ? <IdeaStatus status={idea.status} /> : null}
            <br />
            <span className="muted">
              {t('ideas.supports', { n: idea.supportCount })} · {t('ideas.comments', { n: idea.commentCount })} · {dateTime(idea.createdAt)}
            </span>
            {idea.tags.length ? (
              <span className="tags">
                {idea.tags.map((tag) => (
                  <Link key={tag} to={`?${new URLSearchParams({ sort: query.sort, tag })}`} className="tag">#{tag}</Link>
                ))}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <nav aria-label={t('ideas.pages')} className="pager">
        {query.after ? <Link to={link({})}>{t('ideas.firstPage')}</Link> : null} {page.next ? <Link to={link({ after: page.next })} rel="next">{t('ideas.nextPage')}</Link> : null}
      </nav>
    </>
  );
}
