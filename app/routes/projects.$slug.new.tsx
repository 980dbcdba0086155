import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { proposeIdea } from '#app/modules/ideas/propose-idea.server';
import { localTitle } from '#app/modules/ideas/format';
import { requireProject } from '#app/modules/ideas/project-access.server';
import type { SimilarIdea } from '#app/modules/ideas/queries.server';
import { ideaSchema } from '#app/modules/ideas/schemas';
import { stageAllows } from '#app/modules/ideas/stages';
import { photoUpload } from '#app/modules/reports/photos.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, TextAreaField, valueOf } from '#app/components/forms/Field';
import { invalid, readUploadForm, tooMany } from '#app/utils/action.server';
import { consumeLimit, limitReached } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { getTranslator } from '#app/utils/locale.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { formValues, parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.ideaNew', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const project = await requireProject(params.slug);
  // A budget project (a currency) asks for the author's estimate of the cost.
  return { project: { slug: project.slug, titleRu: project.titleRu, titleEn: project.titleEn, currency: project.currency }, open: stageAllows(project.stage, 'propose') };
}

export const headers = formRouteHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const project = await requireProject(params.slug);
  // Over the limit already: refused before its photos are read. A valid submission is counted below.
  const who = { ip: clientIp(context), userId: user.id };
  const over = await limitReached('idea', who);
  if (over !== null) return tooMany(over, (await getTranslator(request)).t);
  const read = await readUploadForm(request, photoUpload);
  if (read.tooLarge) return read.tooLarge;
  const { formData, t } = read;
  const parsed = parseForm(ideaSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const wait = await consumeLimit('idea', who);
  if (wait !== null) return tooMany(wait, t, formValues(formData));
  const files = formData.getAll('photos').filter((f): f is File => f instanceof File);
  const result = await proposeIdea(user.id, project.id, parsed.data, files);
  if (result.ok) return redirect(`/ideas/${result.value.ideaId}?proposed=1`);
  const values = formValues(formData);
  const e = result.errors;
  switch (e.kind) {
    case 'project':
      throw new Response('Not found', { status: 404 });
    case 'stage':
      return invalid({ form: t('ideas.stageNoIdeas') }, values);
    case 'audience':
      return invalid({ form: t('ideas.outsideAudience') }, values);
    case 'photos':
      return invalid({ photos: t(e.error.key, e.error.params) }, values);
    case 'cost':
      return invalid({ proposedCost: t(e.key, e.params) }, values);
    case 'similar':
      return data({ errors: {} as Record<string, string>, values, similar: e.similar }, { status: 409 });
  }
}

/** Similar ideas while the title is typed (with JavaScript; without it, the server offers them on submit). */
function useSimilar(slug: string, title: string): SimilarIdea[] {
  const [similar, setSimilar] = useState<SimilarIdea[]>([]);
  useEffect(() => {
    if (title.trim().length < 4) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/projects/${slug}/similar?${new URLSearchParams({ title })}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : { similar: [] }))
        .then((body: { similar: SimilarIdea[] }) => setSimilar(body.similar))
        .catch(() => {});
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [slug, title]);
  return title.trim().length < 4 ? [] : similar;
}

export default function NewIdea() {
  const { project, open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const values = actionData?.values;
  const [title, setTitle] = useState(() => valueOf(values, 'title'));
  const typed = useSimilar(project.slug, title);
  const offered = actionData && 'similar' in actionData ? (actionData.similar as SimilarIdea[]) : null;
  // The estimate's field is only on a budget project's form: elsewhere its message stands alone in the summary.
  const labels = { title: t('ideas.title'), body: t('ideas.body'), tags: t('ideas.tags'), ...(project.currency ? { proposedCost: t('ideas.proposedCost', { currency: project.currency }) } : {}), photos: t('ideas.photos') };
  const list = offered ?? typed;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.ideaNew')}</h1>
      <p><Link to={`/projects/${project.slug}`}>{localTitle(locale, project)}</Link></p>
      {!open ? <p className="warning">{t('ideas.stageNoIdeas')}</p> : null}
      <Form method="post" encType="multipart/form-data" noValidate className="form">
        <CsrfInput />
        {offered ? <input type="hidden" name="confirmNew" value="yes" /> : null}
        <Field name="title" type="text" label={labels.title} hint={t('ideas.titleHint')} error={actionData?.errors.title} value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
        <section className={list.length ? 'warning similar' : 'similar'} aria-live="polite" aria-labelledby={list.length ? 'similar-title' : undefined}>
          {list.length ? (
            <>
              <h2 id="similar-title">{t('ideas.similarTitle')}</h2>
              <p>{t('ideas.similarText')}</p>
              <ul>
                {list.map((s) => (
                  <li key={s.id}>
                    <Link to={`/ideas/${s.id}`}>{s.title}</Link> <span className="muted">({t('ideas.supports', { n: s.supportCount })})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <TextAreaField name="body" rows={6} label={labels.body} hint={t('ideas.bodyHint')} error={actionData?.errors.body} defaultValue={valueOf(values, 'body')} />
        <Field name="tags" type="text" label={labels.tags} hint={t('ideas.tagsHint')} error={actionData?.errors.tags} defaultValue={valueOf(values, 'tags')} />
        {project.currency ? <Field name="proposedCost" type="text" inputMode="numeric" label={labels.proposedCost ?? ''} hint={t('ideas.proposedCostHint')} error={actionData?.errors.proposedCost} defaultValue={valueOf(values, 'proposedCost')} /> : null}
        <Field name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" label={labels.photos} hint={t('ideas.photosHint')} error={actionData?.errors.photos} />
        <button type="submit" className="button">{offered ? t('ideas.proposeAnyway') : t('ideas.send')}</button>
      </Form>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
