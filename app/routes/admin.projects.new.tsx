import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { countDistricts, listDistricts } from '#app/modules/city/queries.server';
import { handleProjectForm, projectFormFieldCap } from '#app/modules/ideas/project-form.server';
import { maxPhotoBytes } from '#app/modules/reports/photos.server';
import { readUploadForm } from '#app/utils/action.server';
import { stages } from '#app/modules/ideas/stages';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { districtBudgetLabels, ProjectForm, projectLabels } from '#app/components/ideas/ProjectForm';
import { useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'ideas.newProject', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'ideas.manage-projects');
  // Suggested dates: a month per stage from today.
  const day = (months: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + months, new Date().getUTCDate())).toISOString().slice(0, 10);
  const dates = Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, day(i)], [`${s}Ends`, day(i + 1)]]));
  return { districts: await listDistricts(), dates };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'ideas.manage-projects');
  const read = await readUploadForm(request, { field: 'cover', maxFiles: 1, maxFileBytes: maxPhotoBytes, maxFields: projectFormFieldCap(await countDistricts()) });
  if (read.tooLarge) return read.tooLarge;
  const outcome = await handleProjectForm(user.id, null, read);
  if ('response' in outcome) return outcome.response;
  return redirect(`/admin/projects/${outcome.saved!.id}?saved=1`);
}

export default function NewProject() {
  const { districts, dates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{ ...projectLabels(t), ...districtBudgetLabels(t, locale, districts) }} />
      <h1>{t('ideas.newProject')}</h1>
      <ProjectForm values={actionData?.values} saved={dates} errors={actionData?.errors} districts={districts} submit={t('ideas.createProject')} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
