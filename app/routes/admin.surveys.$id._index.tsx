import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { can } from '#app/modules/accounts/index.server';
import { requireSurveyManager, surveyTarget } from '#app/modules/surveys/access.server';
import { addJump, addQuestion, addSection, publishSurvey, removeQuestion, saveSurveyDetails } from '#app/modules/surveys/build-survey.server';
import { detailsChoices } from '#app/modules/surveys/queries.server';
import { jumpFormSchema, questionFormSchema, questionKinds, sectionFormSchema, surveyDetailsSchema } from '#app/modules/surveys/schemas';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { Field, SelectField, TextAreaField, valueOf } from '#app/components/forms/Field';
import { Badge } from '#app/components/ui/Badge';
import { SurveyDetailsForm } from '#app/components/surveys/SurveyDetailsForm';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { cityWallClock } from '#app/utils/city-time.server';
import { formValues, parseForm } from '#app/utils/forms';
import { idParam, serialMax } from '#app/utils/route-params';
import { useT } from '#app/utils/use-app';
import { surveysMessages } from '#app/modules/surveys/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'surveys.admin.title', messages: [surveysMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey } = await requireSurveyManager(request, idParam(params.id, serialMax));
  const choices = await detailsChoices();
  const { createdBy: _c, ...rest } = survey;
  return { survey: { ...rest, opensLocal: cityWallClock(survey.opensAt), closesLocal: cityWallClock(survey.closesAt) }, ...choices };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const { user } = await requireSurveyManager(request, id);
  const { formData, t } = await readForm(request, { maxFields: 300 });
  const intent = formData.get('intent');
  const fail = (errors: Partial<Record<string, string>>) => invalid(translateErrors(errors as Parameters<typeof translateErrors>[0], t), formValues(formData));
  const done = () => redirect(`/admin/surveys/${id}`);
  switch (intent) {
    case 'details': {
      const parsed = parseForm(surveyDetailsSchema, formData, t, ['districtIds']);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      if (!can(user, 'surveys.manage', surveyTarget(parsed.data.departmentId ?? null))) return invalid({ departmentId: t('errors.choice') }, formValues(formData));
      const result = await saveSurveyDetails(user.id, id, parsed.data);
      return result.ok ? done() : fail(result.errors);
    }
    case 'add-section': {
      const parsed = parseForm(sectionFormSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await addSection(user.id, id, { ru: parsed.data.titleRu, en: parsed.data.titleEn });
      return result.ok ? done() : fail(result.errors);
    }
    case 'add-question': {
      const parsed = parseForm(questionFormSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await addQuestion(user.id, id, parsed.data);
      return result.ok ? done() : fail(result.errors);
    }
    case 'remove-question': {
      const question = String(formData.get('question') ?? '');
      if (!/^q\d{1,4}$/.test(question)) return invalid({ form: t('errors.choice') });
      const result = await removeQuestion(user.id, id, question);
      return result.ok ? done() : fail(result.errors);
    }
    case 'add-jump': {
      const parsed = parseForm(jumpFormSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await addJump(user.id, id, parsed.data);
      return result.ok ? done() : fail(result.errors);
    }
    case 'publish': {
      const result = await publishSurvey(user.id, id);
      return result.ok ? done() : fail(result.errors);
    }
    default:
      return invalid({ form: t('errors.choice') });
  }
}

export default function SurveyBuilder() {
  const { survey, districts, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const text = (l: { ru: string; en: string }) => (locale === 'ru' ? l.ru : l.en);
  const values = actionData?.values ?? {};
  const errors = actionData?.errors;
  const draft = survey.status === 'draft';
  const saved = {
    titleRu: survey.titleRu, titleEn: survey.titleEn, descriptionRu: survey.descriptionRu, descriptionEn: survey.descriptionEn, opensAt: survey.opensLocal, closesAt: survey.closesLocal,
    anonymous: survey.anonymous ? 'yes' : 'no', editable: survey.editable ? 'yes' : 'no', verifiedOnly: survey.verifiedOnly ? 'yes' : 'no', minAge: survey.minAge?.toString() ?? '', maxAge: survey.maxAge?.toString() ?? '',
    districtIds: survey.districtIds.map(String), pointsReward: String(survey.pointsReward), departmentId: survey.departmentId?.toString() ?? '',
  };
  const labels = { form: '', titleRu: t('surveys.field.titleRu'), titleEn: t('surveys.field.titleEn'), textRu: t('surveys.field.textRu'), textEn: t('surveys.field.textEn'), options: t('surveys.field.options'), rows: t('surveys.field.rows'), showIf: t('surveys.field.showIf'), kind: t('surveys.field.kind'), question: t('surveys.field.question'), to: t('surveys.field.to') };
  const questions = survey.definition.sections.flatMap((s) => s.questions);
  const name = (qid: string) => `${qid} «${text(questions.find((q) => q.id === qid)?.text ?? { ru: '?', en: '?' })}»`;
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} ids={{ form: null }} />
      <p><Link to="/admin/surveys">{t('surveys.admin.list')}</Link></p>
      <h1>{text({ ru: survey.titleRu, en: survey.titleEn })} <Badge tone={draft ? 'neutral' : 'success'}>{t(`surveys.admin.status.${survey.status}`)}</Badge></h1>
      {!draft ? (
        <p>
          <Link to={`/surveys/${survey.id}`}>{t('surveys.title')}</Link> · <Link to={`/admin/surveys/${survey.id}/results`}>{t('surveys.admin.results')}</Link>
        </p>
      ) : null}
      <h2>{t('surveys.admin.sections')}</h2>
      {survey.definition.sections.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`section-${s.id}`}>
          <h3 id={`section-${s.id}`}>{s.id}: {text(s.title)}</h3>
          <ol>
            {s.questions.map((q) => (
              <li key={q.id} data-testid={`question-${q.id}`}>
                <strong>{q.id}</strong> {text(q.text)} — {t(`surveys.kind.${q.kind}`)}
                {q.required ? ` · ${t('surveys.field.required')}` : ''}
                {q.options ? <> ({q.options.map((o) => `${o.id} ${text(o.label)}`).join('; ')})</> : null}
                {q.showIf ? <div className="muted">{t('surveys.admin.shownIf', { question: name(q.showIf.question), options: q.showIf.anyOf.join(', ') })}</div> : null}
                {draft ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="question" value={q.id} />
                    <button type="submit" name="intent" value="remove-question" className="button button--secondary">{t('surveys.admin.remove')} {q.id}</button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
          {s.jumps.length ? (
            <>
              <h4>{t('surveys.admin.jumps')}</h4>
              <ul>
                {s.jumps.map((j, i) => (
                  <li key={i}>{t('surveys.admin.jump', { question: name(j.question), option: j.anyOf.join(', '), to: j.to === 'end' ? t('surveys.admin.end') : j.to })}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
      {draft ? (
        <>
          <h2>{t('surveys.admin.addQuestion')}</h2>
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <SelectField name="sectionId" label={t('surveys.field.section')} options={survey.definition.sections.map((s) => ({ value: s.id, label: `${s.id}: ${text(s.title)}` }))} defaultValue={valueOf(values, 'sectionId', survey.definition.sections.at(-1)?.id)} />
            <SelectField name="kind" label={t('surveys.field.kind')} error={errors?.kind} options={questionKinds.map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))} defaultValue={valueOf(values, 'kind', 'single')} />
            <Field name="textRu" label={t('surveys.field.textRu')} error={errors?.textRu} defaultValue={valueOf(values, 'textRu')} />
            <Field name="textEn" label={t('surveys.field.textEn')} error={errors?.textEn} defaultValue={valueOf(values, 'textEn')} />
            <Field name="helpRu" label={t('surveys.field.helpRu')} error={errors?.helpRu} defaultValue={valueOf(values, 'helpRu')} />
            <Field name="helpEn" label={t('surveys.field.helpEn')} error={errors?.helpEn} defaultValue={valueOf(values, 'helpEn')} />
            <SelectField name="required" label={t('surveys.field.required')} options={[{ value: 'yes', label: t('surveys.field.yes') }, { value: 'no', label: t('surveys.field.no') }]} defaultValue={valueOf(values, 'required', 'yes')} />
            <TextAreaField name="options" label={t('surveys.field.options')} error={errors?.options} defaultValue={valueOf(values, 'options')} rows={4} />
            <SelectField name="other" label={t('surveys.field.other')} options={[{ value: 'no', label: t('surveys.field.no') }, { value: 'yes', label: t('surveys.field.yes') }]} defaultValue={valueOf(values, 'other', 'no')} />
            <SelectField name="scale" label={t('surveys.field.scale')} options={[{ value: '1-5', label: '1–5' }, { value: '0-10', label: '0–10 (NPS)' }]} defaultValue={valueOf(values, 'scale', '1-5')} />
            <TextAreaField name="rows" label={t('surveys.field.rows')} error={errors?.rows} defaultValue={valueOf(values, 'rows')} rows={3} />
            <Field name="min" inputMode="numeric" label={t('surveys.field.min')} error={errors?.min} defaultValue={valueOf(values, 'min')} />
            <Field name="max" inputMode="numeric" label={t('surveys.field.max')} error={errors?.max} defaultValue={valueOf(values, 'max')} />
            <Field name="showIf" label={t('surveys.field.showIf')} error={errors?.showIf} defaultValue={valueOf(values, 'showIf')} />
            <button type="submit" name="intent" value="add-question" className="button">{t('surveys.admin.addQuestion')}</button>
          </Form>
          <h2>{t('surveys.admin.addSection')}</h2>
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <Field name="titleRu" id="section-titleRu" label={t('surveys.field.titleRu')} defaultValue="" />
            <Field name="titleEn" id="section-titleEn" label={t('surveys.field.titleEn')} defaultValue="" />
            <button type="submit" name="intent" value="add-section" className="button button--secondary">{t('surveys.admin.addSection')}</button>
          </Form>
          <h2>{t('surveys.admin.addJump')}</h2>
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <SelectField name="sectionId" id="jump-sectionId" label={t('surveys.field.section')} options={survey.definition.sections.map((s) => ({ value: s.id, label: `${s.id}: ${text(s.title)}` }))} />
            <Field name="question" label={t('surveys.field.question')} error={errors?.question} defaultValue={valueOf(values, 'question')} />
            <Field name="option" label={t('surveys.field.option')} error={errors?.option} defaultValue={valueOf(values, 'option')} />
            <Field name="to" label={t('surveys.field.to')} error={errors?.to} defaultValue={valueOf(values, 'to')} />
            <button type="submit" name="intent" value="add-jump" className="button button--secondary">{t('surveys.admin.addJump')}</button>
          </Form>
          <h2>{t('surveys.admin.details')}</h2>
          <SurveyDetailsForm values={actionData?.values && 'titleRu' in actionData.values && 'closesAt' in actionData.values ? actionData.values : saved} errors={errors} districts={districts} departments={departments} submit={t('surveys.admin.save')} />
          <h2>{t('surveys.admin.publish')}</h2>
          <Form method="post">
            <CsrfInput />
            <p className="muted" id="publish-hint">{t('surveys.admin.publishHint')}</p>
            <button type="submit" name="intent" value="publish" className="button" aria-describedby="publish-hint">{t('surveys.admin.publish')}</button>
          </Form>
        </>
      ) : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
