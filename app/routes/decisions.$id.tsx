import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { can, requirePermission } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { photoUpload, processPhotos } from '#app/modules/reports/photos.server';
import { finalResults } from '#app/modules/votes/results.server';
import { decisionDetail, listDepartments } from '#app/modules/votes/queries.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { implementationItemSchema, progressUpdateSchema } from '#app/modules/votes/schemas';
import { addImplementationItem, completeDecision, postProgress } from '#app/modules/votes/track-decision.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField, valueOf } from '#app/components/forms/Field';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { TallyTable } from '#app/components/ui/TallyTable';
import { invalid, readUploadForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { useFormat, useT } from '#app/utils/use-app';
import { votesMessages } from '#app/modules/votes/messages';
import { formatAmount } from '#app/utils/format';
import type { PageHandle } from '#app/root';

export const handle = { title: 'votes.decision', messages: [votesMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const [decision, user] = await Promise.all([decisionDetail(id), getCurrentUser(request)]);
  if (!decision) throw new Response('Not found', { status: 404 });
  const evaluation = decision.evaluation;
  const manage = can(user, 'votes.manage');
  const [results, departments] = await Promise.all([evaluation?.status === 'published' ? finalResults(evaluation) : null, manage ? listDepartments() : []]);
  const q = evaluation?.questions[0];
  const evaluationResult = results && q ? { votes: results.votes, winners: results.winners[q.id] ?? [] } : null;
  return { decision, evaluationResult, manage, departments };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const user = await requirePermission(request, 'votes.manage');
  const read = await readUploadForm(request, photoUpload);
  if (read.tooLarge) return read.tooLarge;
  const { formData, t } = read;
  const intent = formData.get('intent');
  if (intent === 'done') {
    const result = await completeDecision(user.id, id);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/decisions/${id}?done=1`);
  }
  if (intent === 'progress') {
    const parsed = parseForm(progressUpdateSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const photos = await processPhotos(formData.getAll('photos').filter((f): f is File => f instanceof File));
    if (!photos.ok) return invalid({ photos: t(photos.errors.photos.key, photos.errors.photos.params) }, formValues(formData));
    const result = await postProgress(user.id, parsed.data, photos.value);
    if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
    if (result.value.decisionId !== id) return invalid({ itemId: t('errors.choice') });
    return redirect(`/decisions/${id}?updated=1`);
  }
  const parsed = parseForm(implementationItemSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await addImplementationItem(user.id, id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect(`/decisions/${id}?added=1`);
}

export default function DecisionPage() {
  const { dateTime, date } = useFormat();
  const { decision, evaluationResult, manage, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  const v = actionData?.values;
  const labels = { titleRu: t('votes.titleRu'), titleEn: t('votes.titleEn'), departmentId: t('votes.department'), dueOn: t('votes.dueOn'), itemId: t('votes.item'), text: t('votes.updateText'), progress: t('votes.progress'), status: t('votes.itemStatus'), amountSpent: t('votes.amountSpent'), photos: t('votes.photos') };
  const evaluation = decision.evaluation;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('votes.decisionTitle', { question: text(decision.questionRu, decision.questionEn), answer: text(decision.titleRu, decision.titleEn) })}</h1>
      {params.get('added') ? <p className="notice" role="status">{t('votes.itemAdded')}</p> : null}
      {params.get('updated') ? <p className="notice" role="status">{t('votes.progressSaved')}</p> : null}
      {params.get('done') ? <p className="notice" role="status">{t('votes.decisionMarkedDone')}</p> : null}
      <p>
        <BallotStatus status={decision.status} /> {t('votes.fromBallot')}: <Link to={`/votes/${decision.ballotId}`}>{text(decision.ballotRu, decision.ballotEn)}</Link>
        {decision.ideaId ? <> · <Link to={`/ideas/${decision.ideaId}`}>{t('votes.theIdea')}</Link></> : null}
        {decision.amount !== null ? <> · <span data-testid="decision-amount">{t('votes.fundedDecision', { amount: formatAmount(decision.amount, decision.currency) })}</span></> : null}
        {decision.amount !== null && decision.amountSpent !== null ? (
          <> · <span data-testid="decision-spent">{t('votes.spentOf', { spent: formatAmount(decision.amountSpent, decision.currency), amount: formatAmount(decision.amount, decision.currency) })}</span></>
        ) : null}
      </p>
      <h2>{t('votes.implementation')}</h2>
      {decision.items.length === 0 ? <p className="empty-state">{t('votes.noItems')}</p> : null}
      <ul className="list-plain">
        {decision.items.map((item) => (
          <li key={item.id} className="card">
            <h3>{text(item.title_ru, item.title_en)}</h3>
            <p>
              <BallotStatus status={item.status} /> {item.department_ru ? <>{text(item.department_ru, item.department_en!)} · </> : null}
              {item.due_on ? <>{t('votes.dueOn')}: {date(item.due_on)}</> : null}
            </p>
            <p>
              <label htmlFor={`item-progress-${item.id}`}>{t('votes.progress')}: {item.progress}%</label>{' '}
              <progress id={`item-progress-${item.id}`} className="progress" max={100} value={item.progress}>{item.progress}%</progress>
            </p>
            <ol className="timeline">
              {decision.updates
                .filter((u) => u.item_id === item.id)
                .map((u) => (
                  <li key={u.id}>
                    <span className="muted">{dateTime(u.created_at)}</span> — {u.progress}%: {u.text}
                    {u.photos.length ? (
                      <ul className="photos">
                        {u.photos.map((p, i) => (
                          <li key={p.id}><img src={`/media/implementation-photos/${p.id}`} width={p.width} height={p.height} alt={t('votes.photoAlt', { n: i + 1 })} loading="lazy" /></li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
            </ol>
          </li>
        ))}
      </ul>
      {evaluation ? (
        <section aria-labelledby="evaluation-title">
          <h2 id="evaluation-title">{t('votes.evaluation')}</h2>
          {evaluationResult ? (
            <TallyTable caption={text(evaluation.questions[0]!.textRu, evaluation.questions[0]!.textEn)} options={evaluation.questions[0]!.options} votes={evaluationResult.votes} winners={evaluationResult.winners} />
          ) : (
            <p><Link to={`/votes/${evaluation.id}`}>{evaluation.status === 'open' ? t('votes.evaluationOpen') : t('votes.evaluationPending')}</Link></p>
          )}
        </section>
      ) : null}
      {manage && decision.status !== 'done' ? (
        <section aria-labelledby="manage-title">
          <h2 id="manage-title">{t('votes.manageDecision')}</h2>
          <h3>{t('votes.addItem')}</h3>
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <Field name="titleRu" type="text" label={labels.titleRu} error={actionData?.errors.titleRu} defaultValue={valueOf(v, 'titleRu')} />
            <Field name="titleEn" type="text" label={labels.titleEn} error={actionData?.errors.titleEn} defaultValue={valueOf(v, 'titleEn')} />
            <SelectField name="departmentId" label={labels.departmentId} error={actionData?.errors.departmentId} defaultValue={valueOf(v, 'departmentId')} options={[{ value: '', label: '—' }, ...departments.map((d) => ({ value: String(d.id), label: text(d.name_ru, d.name_en) }))]} />
            <Field name="dueOn" type="date" label={labels.dueOn} error={actionData?.errors.dueOn} defaultValue={valueOf(v, 'dueOn')} />
            <button type="submit" name="intent" value="item" className="button">{t('votes.addItem')}</button>
          </Form>
          {decision.items.length ? (
            <>
              <h3>{t('votes.postProgress')}</h3>
              <Form method="post" encType="multipart/form-data" noValidate className="form">
                <CsrfInput />
                <SelectField name="itemId" label={labels.itemId} error={actionData?.errors.itemId} defaultValue={valueOf(v, 'itemId')} options={decision.items.map((i) => ({ value: String(i.id), label: text(i.title_ru, i.title_en) }))} />
                <Field name="text" type="text" label={labels.text} error={actionData?.errors.text} defaultValue={valueOf(v, 'text')} />
                <Field name="progress" type="text" inputMode="numeric" label={labels.progress} error={actionData?.errors.progress} defaultValue={valueOf(v, 'progress')} />
                <SelectField name="status" label={labels.status} error={actionData?.errors.status} defaultValue={valueOf(v, 'status', 'in_progress')} options={(['planned', 'in_progress', 'done'] as const).map((s) => ({ value: s, label: t(`votes.status.${s}`) }))} />
                {decision.amount !== null ? (
                  <Field
                    name="amountSpent"
                    type="text"
                    inputMode="numeric"
                    label={labels.amountSpent}
                    hint={t('votes.amountSpentHint', { currency: decision.currency ?? '' })}
                    error={actionData?.errors.amountSpent}
                    defaultValue={valueOf(v, 'amountSpent', decision.amountSpent === null ? '' : String(decision.amountSpent))}
                  />
                ) : null}
                <Field name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple label={labels.photos} error={actionData?.errors.photos} />
                <button type="submit" name="intent" value="progress" className="button">{t('votes.postProgress')}</button>
              </Form>
              <Form method="post">
                <CsrfInput />
                <button type="submit" name="intent" value="done" className="button button--secondary">{t('votes.markDone')}</button>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
