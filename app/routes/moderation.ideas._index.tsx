import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { moderateIdea } from '#app/modules/ideas/moderate-idea.server';
import { listProjects, moderationQueue } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { moderationSchema } from '#app/modules/ideas/schemas';
import { forbidIfOtherProject, requireIdeasModerator } from '#app/modules/ideas/staff.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, TextAreaField } from '#app/components/forms/Field';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.ideasModeration', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const { moderator } = await requireIdeasModerator(request);
  const [queue, projects] = await Promise.all([moderationQueue(moderator.scope), listProjects()]);
  const scope = moderator.scope;
  return { ...queue, projects: projects.filter((p) => scope === 'all' || scope.includes(p.id)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { moderator } = await requireIdeasModerator(request);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(moderationSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await moderateIdea(moderator, parsed.data);
  if (!result.ok) {
    forbidIfOtherProject(result.errors);
    return invalid(translateErrors(result.errors, t));
  }
  return redirect(`/moderation/ideas?done=${parsed.data.intent}`);
}

export default function IdeasModeration() {
  const dateTime = useDateTime();
  const { ideas, flags, projects } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  // One form per idea on this page, so no single field to link to: the summary says what is wrong in words.
  const labels = {};
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.ideasModeration')}</h1>
      {params.get('done') ? <p className="notice" role="status">{t('ideas.moderationDone')}</p> : null}
      <p>
        {t('ideas.duplicatesFor')}{' '}
        {projects.map((p, i) => (
          <span key={p.id}>
            {i ? ', ' : ''}
            <Link to={`/moderation/ideas/duplicates?project=${p.id}`}>{localTitle(locale, p)}</Link>
          </span>
        ))}
      </p>
      <h2>{t('ideas.queueNew', { n: ideas.length })}</h2>
      {ideas.length === 0 ? <p className="empty-state">{t('ideas.queueEmpty')}</p> : null}
      {ideas.map((idea) => (
        <article key={idea.id} className="card" aria-labelledby={`idea-${idea.id}-title`}>
          <h3 id={`idea-${idea.id}-title`}><Link to={`/ideas/${idea.id}`}>{idea.title}</Link></h3>
          <p className="muted">{idea.authorName ?? t('ideas.formerResident')} · {dateTime(idea.createdAt)} · <ProjectName id={idea.projectId} slug={idea.projectSlug} projects={projects} /></p>
          <p className="report-text">{idea.body}</p>
          <div className="row">
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="ideaId" value={idea.id} />
              <button type="submit" name="intent" value="approve" className="button">{t('ideas.approve')}<span className="visually-hidden"> {idea.title}</span></button>
            </Form>
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="ideaId" value={idea.id} />
              <Field id={`hide-reason-${idea.id}`} name="reason" type="text" label={t('ideas.hideReason')} hint={t('ideas.hideReasonHint')} />
              <button type="submit" name="intent" value="hide" className="button button--danger">{t('ideas.hide')}<span className="visually-hidden"> {idea.title}</span></button>
            </Form>
          </div>
          <details className="inline-details">
            <summary>{t('ideas.fixTypos')}<span className="visually-hidden"> {idea.title}</span></summary>
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="ideaId" value={idea.id} />
              <Field id={`edit-title-${idea.id}`} name="title" type="text" label={t('ideas.title')} defaultValue={idea.title} />
              <TextAreaField id={`edit-body-${idea.id}`} name="body" rows={5} label={t('ideas.body')} defaultValue={idea.body} />
              <button type="submit" name="intent" value="edit" className="button button--secondary">{t('ideas.saveCorrection')}</button>
            </Form>
          </details>
        </article>
      ))}
      <h2>{t('ideas.queueFlags', { n: flags.length })}</h2>
      {flags.length === 0 ? <p className="empty-state">{t('ideas.flagsEmpty')}</p> : null}
      {flags.map((f) => (
        <article key={f.id} className="card" aria-labelledby={`flag-${f.id}-title`}>
          <h3 id={`flag-${f.id}-title`}>
            {f.commentId ? t('ideas.flaggedComment') : t('ideas.flaggedIdea')}: <Link to={`/ideas/${f.ideaId}${f.commentId ? `#comment-${f.commentId}` : ''}`}>{f.title}</Link>
          </h3>
          <p className="muted">{t('ideas.flagReason')}: {f.reason} · {dateTime(f.createdAt)}</p>
          <blockquote className="report-text">{f.text}</blockquote>
          <div className="row">
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="flagId" value={f.id} />
              <button type="submit" name="intent" value="dismiss-flag" className="button button--secondary">{t('ideas.dismissFlag')}<span className="visually-hidden"> {f.id}</span></button>
            </Form>
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              {f.commentId ? <input type="hidden" name="commentId" value={f.commentId} /> : <input type="hidden" name="ideaId" value={f.ideaId} />}
              <Field id={`flag-hide-${f.id}`} name="reason" type="text" label={t('ideas.hideReason')} />
              <button type="submit" name="intent" value={f.commentId ? 'hide-comment' : 'hide'} className="button button--danger">{t('ideas.hide')}<span className="visually-hidden"> {f.id}</span></button>
            </Form>
          </div>
        </article>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';

/** The project an idea belongs to, by its title in the page's language (the slug is only its address). */
function ProjectName({ id, slug, projects }: { id: number; slug: string; projects: { id: number; titleRu: string; titleEn: string }[] }) {
  const { locale } = useT();
  const project = projects.find((p) => p.id === id);
  return <Link to={`/projects/${slug}`} data-testid="idea-project">{project ? localTitle(locale, project) : slug}</Link>;
}
