import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { assessIdea, shortlistIdea } from '#app/modules/ideas/assess-idea.server';
import { expertDashboard } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { requireProject } from '#app/modules/ideas/project-access.server';
import { expertSchema, verdicts } from '#app/modules/ideas/schemas';
import { stageAllows } from '#app/modules/ideas/stages';
import { forbidIfOtherProject, requireProjectExpert } from '#app/modules/ideas/staff.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField } from '#app/components/forms/Field';
import { IdeaStatus, ProjectStage } from '#app/components/ui/IdeaStatus';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.expertProject', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const project = await requireProject(params.slug);
  const { user } = await requireProjectExpert(request, project.id);
  const dashboard = await expertDashboard(project.id, user.id);
  return { project: { slug: project.slug, titleRu: project.titleRu, titleEn: project.titleEn, stage: project.stage }, ...dashboard, open: stageAllows(project.stage, 'assess') };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const project = await requireProject(params.slug);
  const { expert } = await requireProjectExpert(request, project.id);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(expertSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const input = parsed.data;
  const result = input.intent === 'assess' ? await assessIdea(expert, input) : await shortlistIdea(expert, input.ideaId, input.intent === 'shortlist');
  if (!result.ok) {
    forbidIfOtherProject(result.errors);
    return invalid(translateErrors(result.errors, t));
  }
  return redirect(`/expert/projects/${project.slug}?done=${input.intent}#idea-${input.ideaId}`);
}

export default function ExpertProject() {
  const { project, rows, assessed, total, average, open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  // One form per idea on this page, so no single field to link to: the summary says what is wrong in words.
  const labels = {};
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.expertProject')}: {localTitle(locale, project)}</h1>
      {params.get('done') ? <p className="notice" role="status">{t('ideas.expertDone')}</p> : null}
      <p><ProjectStage stage={project.stage} /> <Link to={`/projects/${project.slug}`}>{t('ideas.projectPage')}</Link></p>
      {!open ? <p className="warning">{t('ideas.stageNoAssess')}</p> : null}
      <dl className="figures">
        <div><dt>{t('ideas.coverage')}</dt><dd>{t('ideas.coverageValue', { assessed, total, percent: total ? Math.round((assessed / total) * 100) : 0 })}</dd></div>
        <div><dt>{t('ideas.averageScore')}</dt><dd>{average ?? '—'}</dd></div>
        <div><dt>{t('ideas.shortlistCount')}</dt><dd>{rows.filter((r) => r.status === 'shortlisted').length}</dd></div>
      </dl>
      {rows.map((r) => (
        <article key={r.id} id={`idea-${r.id}`} className="card" aria-labelledby={`idea-${r.id}-title`}>
          <h2 id={`idea-${r.id}-title`}><Link to={`/ideas/${r.id}`}>{r.title}</Link> {r.status !== 'published' ? <IdeaStatus status={r.status} /> : null}</h2>
          <p className="muted">
            {t('ideas.supports', { n: r.supportCount })} · {t('ideas.assessmentsCount', { n: r.assessments })}
            {r.averageScore !== null ? ` · ${t('ideas.averageScore')}: ${r.averageScore}` : ''}
          </p>
          {open ? (
            <div className="row">
              <Form method="post" className="form" noValidate>
                <CsrfInput />
                <input type="hidden" name="ideaId" value={r.id} />
                <SelectField id={`score-${r.id}`} name="score" label={t('ideas.scoreLabel')} defaultValue={r.myScore ? String(r.myScore) : ''} options={[{ value: '', label: '—' }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))]} />
                <SelectField id={`verdict-${r.id}`} name="verdict" label={t('ideas.verdict')} defaultValue={r.myVerdict ?? ''} options={[{ value: '', label: '—' }, ...verdicts.map((v) => ({ value: v, label: t(`ideas.verdict.${v}`) }))]} />
                <Field id={`note-${r.id}`} name="note" type="text" label={t('ideas.note')} hint={t('ideas.noteHint')} defaultValue={r.myNote ?? ''} />
                <button type="submit" name="intent" value="assess" className="button">{t('ideas.saveAssessment')}<span className="visually-hidden"> {r.title}</span></button>
              </Form>
              <Form method="post" className="form">
                <CsrfInput />
                <input type="hidden" name="ideaId" value={r.id} />
                {r.status === 'shortlisted' ? (
                  <button type="submit" name="intent" value="unshortlist" className="button button--secondary">{t('ideas.unshortlist')}<span className="visually-hidden"> {r.title}</span></button>
                ) : (
                  <button type="submit" name="intent" value="shortlist" className="button button--secondary">{t('ideas.shortlist')}<span className="visually-hidden"> {r.title}</span></button>
                )}
              </Form>
            </div>
          ) : null}
        </article>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
