import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { mergeIdeas } from '#app/modules/ideas/merge-ideas.server';
import { canModerateProject } from '#app/modules/ideas/permissions.server';
import { getProject, likelyDuplicates } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { mergeSchema } from '#app/modules/ideas/schemas';
import { forbidIfOtherProject, requireIdeasModerator } from '#app/modules/ideas/staff.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.ideasDuplicates', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireIdeasModerator(request);
  const raw = new URL(request.url).searchParams.get('project') ?? '';
  const project = /^\d{1,9}$/.test(raw) ? await getProject({ id: Number(raw) }) : null;
  if (!project) throw new Response('Not found', { status: 404 });
  if (!canModerateProject(user, project.id)) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return { project: { id: project.id, slug: project.slug, titleRu: project.titleRu, titleEn: project.titleEn }, groups: await likelyDuplicates(project.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { moderator } = await requireIdeasModerator(request);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(mergeSchema, formData, t, ['sourceIds']);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await mergeIdeas(moderator, parsed.data);
  if (!result.ok) {
    forbidIfOtherProject(result.errors);
    return invalid(translateErrors(result.errors, t));
  }
  return redirect(`/ideas/${result.value.targetId}?merged=1`);
}

export default function Duplicates() {
  const { project, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  // One form per idea on this page, so no single field to link to: the summary says what is wrong in words.
  const labels = {};
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.ideasDuplicates')}</h1>
      <p><Link to={`/projects/${project.slug}`}>{localTitle(locale, project)}</Link> · <Link to="/moderation/ideas">{t('page.ideasModeration')}</Link></p>
      {params.get('merged') ? <p className="notice" role="status">{t('ideas.mergedNotice')}</p> : null}
      <p className="lead">{t('ideas.duplicatesIntro')}</p>
      {groups.length === 0 ? <p className="empty-state">{t('ideas.noDuplicates')}</p> : null}
      {groups.map((g, gi) => (
        <Form key={g.ideas.map((i) => i.id).join('-')} method="post" className="card form" noValidate aria-labelledby={`group-${gi}`}>
          <CsrfInput />
          <h2 id={`group-${gi}`}>{t('ideas.group', { n: gi + 1, similarity: Math.round(g.similarity * 100) })}</h2>
          <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('ideas.group', { n: gi + 1, similarity: Math.round(g.similarity * 100) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ideas.survivor')}</th>
                <th scope="col">{t('ideas.mergeWhich')}</th>
                <th scope="col">{t('ideas.idea')}</th>
                <th scope="col">{t('ideas.supportsHeader')}</th>
              </tr>
            </thead>
            <tbody>
              {g.ideas.map((idea, i) => (
                <tr key={idea.id}>
                  <td><input type="radio" name="targetId" value={idea.id} defaultChecked={i === 0} id={i === 0 && gi === 0 ? 'field-targetId' : undefined} aria-label={t('ideas.keepThis', { title: idea.title })} /></td>
                  <td><input type="checkbox" name="sourceIds" value={idea.id} defaultChecked={i > 0} id={i === 1 && gi === 0 ? 'field-sourceIds' : undefined} aria-label={t('ideas.mergeThis', { title: idea.title })} /></td>
                  <td><Link to={`/ideas/${idea.id}`}>{idea.title}</Link></td>
                  <td>{idea.supportCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <button type="submit" className="button">{t('ideas.merge')}</button>
        </Form>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
