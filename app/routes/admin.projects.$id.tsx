import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { countDistricts, listDistricts } from '#app/modules/city/queries.server';
import { advanceStage } from '#app/modules/ideas/advance-stage.server';
import { handleProjectForm, isMultipart, projectFormFieldCap } from '#app/modules/ideas/project-form.server';
import { getProject, projectStaff } from '#app/modules/ideas/queries.server';
import { grantProjectRole, revokeProjectRole } from '#app/modules/ideas/project-staff.server';
import { localTitle } from '#app/modules/ideas/format';
import { idParam, serialMax } from '#app/utils/route-params';
import { districtBudgetField, projectAdminSchema } from '#app/modules/ideas/schemas';
import { sendToVote } from '#app/modules/ideas/send-to-vote.server';
import { nextStage, stageAllows } from '#app/modules/ideas/stages';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Field, SelectField } from '#app/components/forms/Field';
import { districtBudgetLabels, ProjectForm, projectLabels } from '#app/components/ideas/ProjectForm';
import { ProjectStage } from '#app/components/ui/IdeaStatus';
import { invalid, readUploadForm, translateErrors } from '#app/utils/action.server';
import { maxPhotoBytes } from '#app/modules/reports/photos.server';
import { parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminProject', messages: [accountsMessages, ideasMessages] } satisfies PageHandle;

async function projectOr404(param: string | undefined) {
  const project = await getProject({ id: idParam(param, serialMax) });
  if (!project) throw new Response('Not found', { status: 404 });
  return project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'ideas.manage-projects');
  const project = await projectOr404(params.id);
  const [districts, staff] = await Promise.all([listDistricts(), projectStaff(project.id)]);
  const saved: Record<string, string | string[]> = {
    slug: project.slug,
    titleRu: project.titleRu,
    titleEn: project.titleEn,
    descriptionRu: project.descriptionRu,
    descriptionEn: project.descriptionEn,
    districtIds: project.districts.map((d) => String(d.id)),
    budget: project.budget === null ? '' : String(project.budget),
    currency: project.currency ?? '',
  };
  for (const d of project.districts) if (d.budget !== null) saved[districtBudgetField(d.id)] = String(d.budget);
  for (const s of project.stages) {
    saved[`${s.stage}Starts`] = s.startsOn;
    saved[`${s.stage}Ends`] = s.endsOn;
  }
  return { project: { id: project.id, slug: project.slug, titleRu: project.titleRu, titleEn: project.titleEn, stage: project.stage, budget: !!project.currency }, saved, districts, ...staff };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'ideas.manage-projects');
  const project = await projectOr404(params.id);
  const read = await readUploadForm(request, { field: 'cover', maxFiles: 1, maxFileBytes: maxPhotoBytes, maxFields: projectFormFieldCap(await countDistricts()) });
  if (read.tooLarge) return read.tooLarge;
  const { formData, t } = read;
  // The project form (multipart: it carries the cover); the stage and grant forms are plain.
  if (isMultipart(request) || formData.get('intent') === 'save') {
    const outcome = await handleProjectForm(user.id, project.id, read);
    if ('response' in outcome) return outcome.response;
    return redirect(`/admin/projects/${project.id}?saved=1`);
  }
  const parsed = parseForm(projectAdminSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const input = parsed.data;
  if (input.intent === 'advance-stage') {
    const result = await advanceStage(user.id, project.id, input.stage);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/admin/projects/${project.id}?stage=1`);
  }
  if (input.intent === 'grant') {
    const result = await grantProjectRole(user.id, project.id, input.email, input.role);
    if (!result.ok) return invalid(translateErrors(result.errors, t), { email: input.email, role: input.role });
    return redirect(`/admin/projects/${project.id}?granted=1`);
  }
  if (input.intent === 'revoke') {
    const result = await revokeProjectRole(user.id, project.id, input.grantId);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/admin/projects/${project.id}?revoked=1`);
  }
  const result = await sendToVote(user.id, project.id);
  if (!result.ok) return invalid({ form: t(result.errors.key, result.errors.params) });
  // One ballot: its editor; a budget per district makes several, listed on the ballots page.
  const [first, ...more] = result.value.ballotIds;
  return redirect(more.length ? '/admin/ballots' : `/admin/ballots/${first}`);
}

export default function AdminProject() {
  const { project, saved, districts, grants, ballots } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const next = nextStage(project.stage);
  // The stage and send-to-vote buttons have no field to link to: their messages stand alone in the summary.
  const labels = { ...projectLabels(t), ...districtBudgetLabels(t, locale, districts), email: t('ideas.personEmail'), role: t('admin.role') };
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{localTitle(locale, project)}</h1>
      {params.get('saved') ? <p className="notice" role="status">{t('admin.saved')}</p> : null}
      {params.get('stage') ? <p className="notice" role="status">{t('ideas.stageChanged')}</p> : null}
      {params.get('granted') ? <p className="notice" role="status">{t('admin.granted')}</p> : null}
      {params.get('revoked') ? <p className="notice" role="status">{t('admin.revoked')}</p> : null}
      <p><ProjectStage stage={project.stage} /> <Link to={`/projects/${project.slug}`}>{t('ideas.projectPage')}</Link> · <Link to={`/expert/projects/${project.slug}`}>{t('page.expertProject')}</Link></p>
      <h2>{t('ideas.stage')}</h2>
      {next ? (
        <Form method="post" className="form">
          <CsrfInput />
          <input type="hidden" name="stage" value={next} />
          <button type="submit" name="intent" value="advance-stage" className="button button--secondary">{t('ideas.moveTo', { stage: t(`ideas.stage.${next}`) })}</button>
        </Form>
      ) : null}
      {stageAllows(project.stage, 'send-to-vote') ? (
        <Form method="post" className="form">
          <CsrfInput />
          <p>{t(project.budget ? 'ideas.sendToBudgetHint' : 'ideas.sendToVoteHint')}</p>
          <button type="submit" name="intent" value="send-to-vote" className="button">{t('ideas.sendToVote')}</button>
        </Form>
      ) : null}
      {ballots.length ? (
        <p>
          {t('ideas.ballots')}{' '}
          {ballots.map((b) => (
            <Link key={b.id} to={`/admin/ballots/${b.id}`}>#{b.id} ({b.status}) </Link>
          ))}
        </p>
      ) : null}
      <h2>{t('ideas.projectStaff')}</h2>
      <ul>
        {grants.map((g) => (
          <li key={g.id}>
            {g.name} ({g.email}) — {t(`role.${g.role as 'expert'}`)}{' '}
            <InlineAction intent="revoke" fields={{ grantId: g.id }} label={t('admin.revoke')} about={g.name} />
          </li>
        ))}
      </ul>
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <div className="row">
          <Field name="email" type="email" label={labels.email} error={actionData?.errors.email} />
          <SelectField name="role" label={labels.role} error={actionData?.errors.role} options={[{ value: 'expert', label: t('role.expert') }, { value: 'moderator', label: t('role.moderator') }]} />
        </div>
        <button type="submit" name="intent" value="grant" className="button button--secondary">{t('admin.grant')}</button>
      </Form>
      <h2>{t('ideas.editProject')}</h2>
      <ProjectForm values={actionData?.values} saved={saved} errors={actionData?.errors} districts={districts} submit={t('form.save')} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
