import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { addOption, addQuestion, ballotStatus, moveOption, moveQuestion, removeOption, removeQuestion, saveBallotDetails } from '#app/modules/votes/edit-ballot.server';
import { getBallot, listDistrictNames, participantCount } from '#app/modules/votes/queries.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { scheduleBallot, unscheduleBallot } from '#app/modules/votes/schedule-ballot.server';
import { ballotDetailsSchema, moveOptionSchema, moveQuestionSchema, optionSchema, questionSchema, removeOptionSchema, removeQuestionSchema } from '#app/modules/votes/schemas';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Field, SelectField, valueOf } from '#app/components/forms/Field';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { invalid, readUploadForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { env } from '#app/utils/env.server';
import { localName } from '#app/utils/i18n';
import { cityWallClock } from '#app/utils/city-time.server';
import { useRootData, useT } from '#app/utils/use-app';
import { formatAmount } from '#app/utils/format';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'votes.editBallot', messages: [votesMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'votes.manage');
  const ballot = await getBallot(idParam(params.id, serialMax));
  if (!ballot) throw new Response('Not found', { status: 404 });
  const { chainHead: _c, ...rest } = ballot;
  return { ballot: { ...rest, opensLocal: cityWallClock(ballot.opensAt), closesLocal: cityWallClock(ballot.closesAt) }, districts: await listDistrictNames(), voters: await participantCount(ballot.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const user = await requirePermission(request, 'votes.manage');
  const read = await readUploadForm(request, { field: 'image', maxFiles: 1, maxFileBytes: 5 * 1024 * 1024, maxFields: 200 });
  if (read.tooLarge) return read.tooLarge;
  const { formData, t } = read;
  const intent = formData.get('intent');
  const answer = (result: { ok: true } | { ok: false; errors: Partial<Record<string, import('#app/utils/i18n').MessageKey>> }, done: string) =>
    result.ok ? redirect(`/admin/ballots/${id}?done=${done}`) : invalid(translateErrors(result.errors, t), formValues(formData));
  // Only a draft changes: a scheduled or opened ballot's page offers no fields, so its refusal says so (as the
  // use-cases would) rather than naming fields the admin cannot see.
  if (intent !== 'schedule' && intent !== 'unschedule') {
    const status = await ballotStatus(id);
    if (!status) throw new Response('Not found', { status: 404 });
    if (status !== 'draft') return invalid({ form: t('votes.notEditable') }, formValues(formData));
  }
  switch (intent) {
    case 'schedule':
      return answer(await scheduleBallot(user.id, id), 'scheduled');
    case 'unschedule':
      return answer(await unscheduleBallot(user.id, id), 'unscheduled');
    case 'question': {
      const parsed = parseForm(questionSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      return answer(await addQuestion(user.id, id, parsed.data), 'question');
    }
    case 'option': {
      const parsed = parseForm(optionSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const image = formData.get('image');
      return answer(await addOption(user.id, id, parsed.data, image instanceof File ? image : null), 'option');
    }
    case 'remove-question': {
      const parsed = parseForm(removeQuestionSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      return answer(await removeQuestion(user.id, id, parsed.data.questionId), 'removed');
    }
    case 'remove-option': {
      const parsed = parseForm(removeOptionSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors);
      return answer(await removeOption(user.id, id, parsed.data.optionId), 'removed');
    }
    case 'move-question': {
      const parsed = parseForm(moveQuestionSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors);
      return answer(await moveQuestion(user.id, id, parsed.data.questionId, parsed.data.direction), 'moved');
    }
    case 'move-option': {
      const parsed = parseForm(moveOptionSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors);
      return answer(await moveOption(user.id, id, parsed.data.optionId, parsed.data.direction), 'moved');
    }
    default: {
      const parsed = parseForm(ballotDetailsSchema(env.CITY_TIMEZONE), formData, t, ['districtIds']);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      return answer(await saveBallotDetails(user.id, id, parsed.data), 'saved');
    }
  }
}

export default function EditBallot() {
  const { ballot, districts, voters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // Each saved question or answer is a new navigation: the add forms start again empty (a file input would
  // otherwise keep the last picture and give it to every later answer); a refused form keeps what was typed.
  const { key: formsKey } = useLocation();
  const { t, locale } = useT();
  const cityTimeZone = useRootData()?.env.CITY_TIMEZONE ?? '';
  const v = actionData?.values;
  const e = actionData?.errors ?? {};
  const draft = ballot.status === 'draft';
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  const labels = {
    form: t('votes.ballot'),
    titleRu: t('votes.titleRu'), titleEn: t('votes.titleEn'), descriptionRu: t('votes.descriptionRu'), descriptionEn: t('votes.descriptionEn'),
    opensAt: t('votes.opensAt'), closesAt: t('votes.closesAt'), minAge: t('votes.minAge'), maxAge: t('votes.maxAge'), pointsReward: t('votes.pointsReward'), districtIds: t('votes.audienceDistricts'),
    textRu: t('votes.questionRu'), textEn: t('votes.questionEn'), kind: t('votes.kind'), maxChoices: t('votes.maxChoices'),
    rule: t('votes.rule'), cart: t('votes.cartKind'), budget: t('votes.budgetAmount'), minSpend: t('votes.minSpend'), currency: t('votes.currency'),
    questionId: t('votes.question'), labelRu: t('votes.labelRu'), labelEn: t('votes.labelEn'), cost: t('votes.projectCost'), image: t('votes.image'), optionId: t('votes.option'),
  };
  const selectedDistricts = v?.districtIds ? [v.districtIds].flat() : ballot.districtIds.map(String);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} ids={{ optionId: null, form: null }} />
      <h1>{text(ballot.titleRu, ballot.titleEn)}</h1>
      {params.get('done') ? <p className="notice" role="status">{t('votes.saved')}</p> : null}
      <p>
        <BallotStatus status={ballot.status} /> · {t('votes.votersSoFar', { n: voters })} · <Link to={`/votes/${ballot.id}`}>{t('votes.publicPage')}</Link>
      </p>
      {ballot.projectId ? <p className="muted">{t('votes.fromShortlist')}</p> : null}
      {!draft ? <p className="warning">{ballot.status === 'scheduled' ? t('votes.scheduledLocked') : t('votes.lockedOnceOpen')}</p> : null}
      <h2>{t('votes.questions')}</h2>
      {ballot.questions.length === 0 ? <p className="empty-state">{t('votes.noQuestions')}</p> : null}
      {ballot.questions.map((q, qi) => (
        <section key={q.id} className="card" aria-labelledby={`q-${q.id}`}>
          <h3 id={`q-${q.id}`}>{text(q.textRu, q.textEn)}</h3>
          <p className="muted">
            {q.kind === 'single' ? t('votes.pickOne') : q.kind === 'multiple' ? t('votes.pickUpTo', { max: q.maxChoices }) : t(q.kind === 'ranked' ? 'votes.kindRanked' : q.kind === 'graded' ? 'votes.kindGraded' : 'votes.kindBudget')}
            {q.rule !== 'plurality' ? <> · {t('votes.rule')}: {t(`votes.rule.${q.rule}`)}</> : null}
            {q.kind === 'budget' ? <> · {formatAmount(q.budget ?? 0, q.currency)}{q.minSpend ? <> (≥ {formatAmount(q.minSpend, q.currency)})</> : null}</> : null}
          </p>
          {draft ? (
            <MoveActions intent="move-question" field="questionId" id={q.id} about={text(q.textRu, q.textEn)} first={qi === 0} last={qi === ballot.questions.length - 1} />
          ) : null}
          <ul>
            {q.options.map((o, oi) => (
              <li key={o.id} className="option-row">
                <span>{text(o.labelRu, o.labelEn)}</span>
                {o.cost !== null ? <span className="mono">{formatAmount(o.cost, q.currency)}</span> : null}
                {o.ideaId ? <Link to={`/ideas/${o.ideaId}`}>{t('votes.theIdea')} {o.ideaId}</Link> : null}
                {o.hasImage ? <img src={`/media/ballot-options/${o.id}`} alt={t('votes.pictureOf', { label: text(o.labelRu, o.labelEn) })} width={60} data-testid="option-picture" /> : null}
                {draft ? (
                  <span className="option-row__actions">
                    <MoveActions intent="move-option" field="optionId" id={o.id} about={text(o.labelRu, o.labelEn)} first={oi === 0} last={oi === q.options.length - 1} />
                    <InlineAction intent="remove-option" fields={{ optionId: o.id }} label={t('votes.remove')} about={text(o.labelRu, o.labelEn)} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {draft ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="questionId" value={q.id} />
              <button type="submit" name="intent" value="remove-question" className="button button--secondary">
                {t('votes.removeQuestion')}<span className="visually-hidden"> {text(q.textRu, q.textEn)}</span>
              </button>
            </Form>
          ) : null}
        </section>
      ))}
      {draft ? (
        <>
          <h2>{t('votes.details')}</h2>
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <Field name="titleRu" type="text" label={labels.titleRu} error={e.titleRu} defaultValue={valueOf(v, 'titleRu', ballot.titleRu)} />
            <Field name="titleEn" type="text" label={labels.titleEn} error={e.titleEn} defaultValue={valueOf(v, 'titleEn', ballot.titleEn)} />
            <Field name="descriptionRu" type="text" label={labels.descriptionRu} error={e.descriptionRu} defaultValue={valueOf(v, 'descriptionRu', ballot.descriptionRu)} />
            <Field name="descriptionEn" type="text" label={labels.descriptionEn} error={e.descriptionEn} defaultValue={valueOf(v, 'descriptionEn', ballot.descriptionEn)} />
            <Field name="opensAt" type="datetime-local" hint={t('votes.cityTime', { zone: cityTimeZone })} label={labels.opensAt} error={e.opensAt} defaultValue={valueOf(v, 'opensAt', ballot.opensLocal)} />
            <Field name="closesAt" type="datetime-local" hint={t('votes.cityTime', { zone: cityTimeZone })} label={labels.closesAt} error={e.closesAt} defaultValue={valueOf(v, 'closesAt', ballot.closesLocal)} />
            <Field name="minAge" type="text" inputMode="numeric" label={labels.minAge} error={e.minAge} defaultValue={valueOf(v, 'minAge', ballot.minAge?.toString() ?? '')} />
            <Field name="maxAge" type="text" inputMode="numeric" label={labels.maxAge} error={e.maxAge} defaultValue={valueOf(v, 'maxAge', ballot.maxAge?.toString() ?? '')} />
            <Field name="pointsReward" type="text" inputMode="numeric" label={labels.pointsReward} error={e.pointsReward} defaultValue={valueOf(v, 'pointsReward', String(ballot.pointsReward))} />
            <div className={e.districtIds ? 'field field--error' : 'field'}>
              <fieldset id="field-districtIds">
                <legend>{labels.districtIds}</legend>
                <span className="field__hint">{t('votes.audienceHint')}</span>
                {e.districtIds ? <span className="field__error">{e.districtIds}</span> : null}
                <div className="checkboxes">
                  {districts.map((d) => (
                    <label key={d.id} className="checkbox"><input type="checkbox" name="districtIds" value={d.id} defaultChecked={selectedDistricts.includes(String(d.id))} /> {localName(locale, d)}</label>
                  ))}
                </div>
              </fieldset>
            </div>
            <label className="checkbox"><input type="checkbox" name="verifiedOnly" value="yes" defaultChecked={ballot.verifiedOnly} /> {t('votes.verifiedOnly')}</label>
            <label className="checkbox"><input type="checkbox" name="hideResultsUntilClose" value="yes" defaultChecked={ballot.hideResultsUntilClose} /> {t('votes.hideResults')}</label>
            <button type="submit" name="intent" value="details" className="button">{t('form.save')}</button>
          </Form>
          <h2>{t('votes.addQuestion')}</h2>
          <Form key={formsKey} method="post" noValidate className="form">
            <CsrfInput />
            <Field name="textRu" type="text" label={labels.textRu} error={e.textRu} defaultValue={valueOf(v, 'textRu')} />
            <Field name="textEn" type="text" label={labels.textEn} error={e.textEn} defaultValue={valueOf(v, 'textEn')} />
            <SelectField
              name="kind"
              label={labels.kind}
              error={e.kind}
              defaultValue={valueOf(v, 'kind', 'single')}
              options={[
                { value: 'single', label: t('votes.kindSingle') },
                { value: 'multiple', label: t('votes.kindMultiple') },
                { value: 'ranked', label: t('votes.kindRanked') },
                { value: 'graded', label: t('votes.kindGraded') },
                { value: 'budget', label: t('votes.kindBudget') },
              ]}
            />
            <Field name="maxChoices" type="text" inputMode="numeric" label={labels.maxChoices} error={e.maxChoices} defaultValue={valueOf(v, 'maxChoices', '1')} />
            <SelectField
              name="rule"
              label={labels.rule}
              hint={t('votes.ruleHint')}
              error={e.rule}
              defaultValue={valueOf(v, 'rule', '')}
              options={[{ value: '', label: '—' }, ...(['schulze', 'instant-runoff', 'equal-shares', 'greedy'] as const).map((r) => ({ value: r, label: t(`votes.rule.${r}`) }))]}
            />
            <SelectField
              name="cart"
              label={labels.cart}
              error={e.cart}
              defaultValue={valueOf(v, 'cart', '')}
              options={[{ value: '', label: '—' }, { value: 'knapsack', label: t('votes.cart.knapsack') }, { value: 'approval', label: t('votes.cart.approval') }]}
            />
            <Field name="budget" type="text" inputMode="numeric" label={labels.budget} error={e.budget} defaultValue={valueOf(v, 'budget')} />
            <Field name="minSpend" type="text" inputMode="numeric" label={labels.minSpend} error={e.minSpend} defaultValue={valueOf(v, 'minSpend')} />
            <Field name="currency" type="text" label={labels.currency} error={e.currency} defaultValue={valueOf(v, 'currency')} />
            <button type="submit" name="intent" value="question" className="button">{t('votes.addQuestion')}</button>
          </Form>
          {ballot.questions.length ? (
            <>
              <h2>{t('votes.addOption')}</h2>
              <Form key={formsKey} method="post" encType="multipart/form-data" noValidate className="form">
                <CsrfInput />
                <SelectField name="questionId" label={labels.questionId} error={e.questionId} defaultValue={valueOf(v, 'questionId')} options={ballot.questions.map((q) => ({ value: String(q.id), label: text(q.textRu, q.textEn) }))} />
                <Field name="labelRu" type="text" label={labels.labelRu} error={e.labelRu} defaultValue={valueOf(v, 'labelRu')} />
                <Field name="labelEn" type="text" label={labels.labelEn} error={e.labelEn} defaultValue={valueOf(v, 'labelEn')} />
                <Field name="cost" type="text" inputMode="numeric" label={labels.cost} error={e.cost} defaultValue={valueOf(v, 'cost')} />
                <Field name="image" type="file" accept="image/jpeg,image/png,image/webp" label={labels.image} hint={t('votes.imageHint')} error={e.image} />
                <button type="submit" name="intent" value="option" className="button">{t('votes.addOption')}</button>
              </Form>
            </>
          ) : null}
          <h2>{t('votes.scheduleTitle')}</h2>
          <p>{t('votes.scheduleHint')}</p>
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="schedule" className="button">{t('votes.schedule')}</button>
          </Form>
        </>
      ) : ballot.status === 'scheduled' ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="unschedule" className="button button--secondary">{t('votes.unschedule')}</button>
        </Form>
      ) : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';

/** "Move up" and "Move down" for a question or an answer of a draft; the end a row is at has no button. */
function MoveActions({ intent, field, id, about, first, last }: { intent: string; field: string; id: number; about: string; first: boolean; last: boolean }) {
  const { t } = useT();
  return (
    <>
      {first ? null : <InlineAction intent={intent} fields={{ [field]: id, direction: 'up' }} label={t('votes.moveUp')} about={about} />}
      {last ? null : <InlineAction intent={intent} fields={{ [field]: id, direction: 'down' }} label={t('votes.moveDown')} about={about} />}
    </>
  );
}
