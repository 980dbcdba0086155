import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { can, requirePermission, scopeOf } from '#app/modules/accounts/index.server';
import { surveyTarget } from '#app/modules/surveys/access.server';
import { createSurvey } from '#app/modules/surveys/build-survey.server';
import { detailsChoices, listSurveysForStaff } from '#app/modules/surveys/queries.server';
import { surveyDetailsSchema } from '#app/modules/surveys/schemas';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { Badge } from '#app/components/ui/Badge';
import { SurveyDetailsForm } from '#app/components/surveys/SurveyDetailsForm';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { surveysMessages } from '#app/modules/surveys/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'surveys.admin.title', messages: [surveysMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'surveys.manage', 'some');
  const scope = scopeOf(user, 'surveys.manage', 'departmentId');
  const [list, choices] = await Promise.all([listSurveysForStaff(scope), detailsChoices()]);
  return { surveys: list, ...choices, departments: scope === 'all' ? choices.departments : choices.departments.filter((d) => scope.includes(d.id)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'surveys.manage', 'some');
  const { formData, t } = await readForm(request, { maxFields: 300 });
  const parsed = parseForm(surveyDetailsSchema, formData, t, ['districtIds']);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  // An officer builds only their own department's surveys.
  if (!can(user, 'surveys.manage', surveyTarget(parsed.data.departmentId ?? null))) return invalid({ departmentId: t('errors.choice') }, formValues(formData));
  const result = await createSurvey(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/admin/surveys/${result.value.id}`);
}

export default function AdminSurveys() {
  const { surveys, districts, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const labels = { titleRu: t('surveys.field.titleRu'), titleEn: t('surveys.field.titleEn'), descriptionRu: t('surveys.field.descriptionRu'), descriptionEn: t('surveys.field.descriptionEn'), opensAt: t('surveys.field.opensAt'), closesAt: t('surveys.field.closesAt'), editable: t('surveys.field.editable'), minAge: t('surveys.field.minAge'), maxAge: t('surveys.field.maxAge'), districtIds: t('surveys.field.districts'), pointsReward: t('surveys.field.points'), departmentId: t('surveys.field.department') };
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('surveys.admin.title')}</h1>
      <h2>{t('surveys.admin.list')}</h2>
      {surveys.length === 0 ? <p className="empty-state">{t('surveys.admin.empty')}</p> : null}
      <ul>
        {surveys.map((s) => (
          <li key={s.id}>
            <Link to={`/admin/surveys/${s.id}`}>{locale === 'ru' ? s.titleRu : s.titleEn}</Link> <Badge tone={s.status === 'draft' ? 'neutral' : 'success'}>{t(`surveys.admin.status.${s.status}`)}</Badge> {t('surveys.answersSoFar', { n: s.answers })}
            {s.status === 'published' ? <> · <Link to={`/admin/surveys/${s.id}/results`}>{t('surveys.admin.results')}</Link></> : null}
          </li>
        ))}
      </ul>
      <h2>{t('surveys.admin.new')}</h2>
      <SurveyDetailsForm values={actionData?.values ?? {}} errors={actionData?.errors} districts={districts} departments={departments} submit={t('surveys.admin.create')} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
