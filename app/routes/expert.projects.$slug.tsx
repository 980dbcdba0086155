import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { assessIdea, shortlistIdea } from '#app/modules/ideas/assess-idea.server';
import { costIdea } from '#app/modules/ideas/cost-idea.server';
import { expertDashboard } from '#app/modules/ideas/queries.server';
import { localTitle } from '#app/modules/ideas/format';
import { localName } from '#app/utils/i18n';
import { formatAmount } from '#app/utils/format';
import { requireProject } from '#app/modules/ideas/project-access.server';
import { expertSchema, feasibilities, verdicts } from '#app/modules/ideas/schemas';
import { stageAllows } from '#app/modules/ideas/stages';
import { forbidIfOtherProject, requireProjectExpert } from '#app/modules/ideas/staff.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField, TextAreaField, valueOf } from '#app/components/forms/Field';
import { IdeaStatus, ProjectStage } from '#app/components/ui/IdeaStatus';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.expertProject', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const project = await requireProject(params.slug);
  const { user } = await requireProjectExpert(request, project.id);
  const dashboard = await expertDashboard(project.id, user.id);
  // A budget project: the budgets an idea may be paid from (the city's, if any, and each district's).
  const budgets = project.currency
    ? { currency: project.currency, city: project.budget, districts: project.districts.filter((d) => d.budget !== null) }
    : null;
  return { project: { slug: project.slug, titleRu: project.titleRu, titleEn: project.titleEn, stage: project.stage }, ...dashboard, budgets, open: stageAllows(project.stage, 'assess') };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const project = await requireProject(params.slug);
  const { expert } = await requireProjectExpert(request, project.id);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(expertSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const values = formValues(formData);
  const input = parsed.data;
  if (input.intent === 'cost') {
    const costed = await costIdea(expert, input);
    if (!costed.ok) {
      forbidIfOtherProject({ key: costed.errors.key });
      return invalid({ [costed.errors.field]: t(costed.errors.key, costed.errors.params) }, values);
    }
    return redirect(`/expert/projects/${project.slug}?done=cost#idea-${input.ideaId}`);
  }
  const result = input.intent === 'assess' ? await assessIdea(expert, input) : await shortlistIdea(expert, input.ideaId, input.intent === 'shortlist');
  if (!result.ok) {
    forbidIfOtherProject(result.errors);
    return invalid(translateErrors(result.errors, t));
  }
  return redirect(`/expert/projects/${project.slug}?done=${input.intent}#idea-${input.ideaId}`);
}

export default function ExpertProject() {
  const { project, rows, assessed, total, average, open, budgets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  // One form per idea on this page: the cost form's messages link to the fields of the idea that was sent.
  const values = actionData && 'values' in actionData ? actionData.values : undefined;
  const sent = values?.intent === 'cost' ? String(values.ideaId) : null;
  const currency = budgets?.currency ?? '';
  const labels = { feasibility: t('ideas.feasibility'), cost: t('ideas.costLabel', { currency }), reason: t('ideas.feasibilityReason'), districtId: t('ideas.costDistrict') };
  // Each field's id names its idea (`field-cost-12`); an idea no longer on the page has no field to link to.
  const shown = sent !== null && open && !!budgets && rows.some((r) => String(r.id) === sent);
  const ids: Record<string, string | null> = sent ? Object.fromEntries(['feasibility', 'cost', 'reason', 'districtId'].map((f) => [f, shown ? `field-${f}-${sent}${f === 'feasibility' ? '-feasible' : ''}` : null])) : {};
  const errors: Record<string, string> | undefined = actionData?.errors;
  const errorOf = (ideaId: number, field: string) => (sent === String(ideaId) ? errors?.[field] : undefined);
  const valueFor = (ideaId: number, field: string, saved: string) => (sent === String(ideaId) ? valueOf(values, field) : saved);
  const amount = (n: number) => formatAmount(n, currency);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} ids={ids} />
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
          {budgets ? (
            <p>
              {r.proposedCost !== null ? <>{t('ideas.proposedCostValue', { amount: amount(r.proposedCost) })} · </> : null}
              {r.feasibility ? <FeasibilityLine feasibility={r.feasibility} cost={r.cost === null ? null : amount(r.cost)} reason={r.feasibilityReason} /> : t('ideas.notCostedYet')}
            </p>
          ) : null}
          {open && budgets ? (
            <Form method="post" className="form" noValidate aria-label={`${t('ideas.saveCost')}: ${r.title}`}>
              <CsrfInput />
              <input type="hidden" name="ideaId" value={r.id} />
              <fieldset className={errorOf(r.id, 'feasibility') ? 'field field--error' : 'field'} aria-describedby={errorOf(r.id, 'feasibility') ? `field-feasibility-${r.id}-error` : undefined}>
                <legend>{labels.feasibility}</legend>
                {errorOf(r.id, 'feasibility') ? <span className="field__error" id={`field-feasibility-${r.id}-error`}>{errorOf(r.id, 'feasibility')}</span> : null}
                {feasibilities.map((f) => (
                  <label key={f} className="choice">
                    <input type="radio" id={`field-feasibility-${r.id}-${f}`} name="feasibility" value={f} defaultChecked={valueFor(r.id, 'feasibility', r.feasibility ?? '') === f} /> {t(`ideas.feasibility.${f}`)}
                  </label>
                ))}
              </fieldset>
              <Field id={`field-cost-${r.id}`} name="cost" type="text" inputMode="numeric" label={labels.cost} error={errorOf(r.id, 'cost')} defaultValue={valueFor(r.id, 'cost', r.cost === null ? (r.proposedCost === null ? '' : String(r.proposedCost)) : String(r.cost))} />
              {budgets.districts.length ? (
                <SelectField
                  id={`field-districtId-${r.id}`}
                  name="districtId"
                  label={labels.districtId}
                  error={errorOf(r.id, 'districtId')}
                  defaultValue={valueFor(r.id, 'districtId', r.districtId === null ? '' : String(r.districtId))}
                  options={[...(budgets.city !== null ? [{ value: '', label: `${t('ideas.cityBudget')} (${amount(budgets.city)})` }] : []), ...budgets.districts.map((d) => ({ value: String(d.id), label: `${localName(locale, d)} (${amount(d.budget!)})` }))]}
                />
              ) : null}
              <TextAreaField id={`field-reason-${r.id}`} name="reason" rows={2} label={labels.reason} error={errorOf(r.id, 'reason')} defaultValue={valueFor(r.id, 'reason', r.feasibilityReason ?? '')} />
              <button type="submit" name="intent" value="cost" className="button button--secondary">{t('ideas.saveCost')}<span className="visually-hidden"> {r.title}</span></button>
            </Form>
          ) : null}
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

/** "Feasible · Cost set by the experts: 1 200 000 RUB", or "Not feasible · the reasons". */
function FeasibilityLine({ feasibility, cost, reason }: { feasibility: 'feasible' | 'infeasible'; cost: string | null; reason: string | null }) {
  const { t } = useT();
  return (
    <>
      <strong>{t(`ideas.feasibility.${feasibility}`)}</strong>
      {cost !== null ? ` · ${t('ideas.costValue', { amount: cost })}` : null}
      {reason ? ` · ${reason}` : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
