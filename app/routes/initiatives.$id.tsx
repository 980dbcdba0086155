import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { can, requirePermission, requireUser } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { getInitiative, hasSupported } from '#app/modules/initiatives/queries.server';
import { reviewInitiative } from '#app/modules/initiatives/review-initiative.server';
import { reviewSchema, supportSchema } from '#app/modules/initiatives/schemas';
import { supportInitiative } from '#app/modules/initiatives/support-initiative.server';
import { withdrawSupport } from '#app/modules/initiatives/withdraw-support.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { TextAreaField, valueOf } from '#app/components/forms/Field';
import { InitiativeProgress, InitiativeStatus } from '#app/components/ui/InitiativeStatus';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { idParam } from '#app/utils/route-params';
import { formRouteHeaders } from '#app/utils/route-headers';
import { formValues, parseForm } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import { initiativesMessages } from '#app/modules/initiatives/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.initiative', messages: [initiativesMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const [initiative, user] = await Promise.all([getInitiative(id), getCurrentUser(request)]);
  if (!initiative) throw new Response('Not found', { status: 404 });
  const { authorId, ...shown } = initiative;
  const isAuthor = !!user && user.id === authorId;
  // Before a moderator approves it, only its author and the moderators see it.
  if ((shown.status === 'pending' || shown.status === 'rejected') && !isAuthor && !can(user, 'initiatives.moderate')) throw new Response('Not found', { status: 404 });
  return {
    initiative: shown,
    signedIn: !!user,
    supported: user ? await hasSupported(id, user.id) : false,
    open: shown.status === 'collecting' && new Date(shown.collectsUntil) > new Date(),
    canReview: shown.status === 'review' && can(user, 'initiatives.review'),
  };
}

export const headers = formRouteHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'support' || intent === 'withdraw') {
    const wait = await consumeLimit('support', { ip: clientIp(context), userId: user.id });
    if (wait !== null) return tooMany(wait, t);
    const parsed = parseForm(supportSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = parsed.data.intent === 'support' ? await supportInitiative(user.id, id) : await withdrawSupport(user.id, id);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/initiatives/${id}?${parsed.data.intent === 'support' ? 'supported' : 'withdrawn'}=1`);
  }
  if (intent === 'answer' || intent === 'send-to-vote') {
    const expert = await requirePermission(request, 'initiatives.review');
    const parsed = parseForm(reviewSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await reviewInitiative(expert.id, id, parsed.data);
    if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
    return redirect(`/initiatives/${id}?reviewed=1`);
  }
  return invalid({ form: t('errors.choice') });
}

export default function Initiative() {
  const { initiative: i, signedIn, supported, open, canReview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const dateTime = useDateTime();
  const labels = { answer: t('initiatives.answer') };
  const scope = i.districtId ? (locale === 'ru' ? i.districtRu : i.districtEn) : t('initiatives.wholeCity');
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      {params.get('started') ? <p className="notice" role="status">{t('initiatives.started')}</p> : null}
      {params.get('supported') ? <p className="notice" role="status">{t('initiatives.supportDone')}</p> : null}
      {params.get('withdrawn') ? <p className="notice" role="status">{t('initiatives.withdrawn')}</p> : null}
      {params.get('reviewed') ? <p className="notice" role="status">{t('initiatives.reviewDone')}</p> : null}
      <h1>{i.title}</h1>
      <p><InitiativeStatus status={i.status} /> · {scope}</p>
      <p className="muted">{t('initiatives.author', { name: i.authorName ?? t('initiatives.formerResident'), date: dateTime(i.createdAt) })}</p>
      {i.status === 'pending' ? <p className="warning">{t('initiatives.pendingNote')}</p> : null}
      {i.status === 'rejected' ? <p className="warning">{t('initiatives.rejectedNote', { reason: i.rejectedReason ?? '' })}</p> : null}
      {i.threshold && i.collectsUntil ? (
        <>
          <InitiativeProgress id="initiative-progress" supports={i.supportCount} threshold={i.threshold} />
          <p>{t(i.status === 'collecting' ? 'initiatives.collectsUntil' : 'initiatives.collectedUntil', { date: dateTime(i.collectsUntil) })}</p>
        </>
      ) : null}
      {open ? (
        supported ? (
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <p className="notice">{t('initiatives.supported')}</p>
            <button type="submit" name="intent" value="withdraw" className="button button--secondary">{t('initiatives.withdraw')}</button>
          </Form>
        ) : signedIn ? (
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <button type="submit" name="intent" value="support" className="button">{t('initiatives.support')}</button>
          </Form>
        ) : (
          <p><Link to={`/sign-in?redirectTo=/initiatives/${i.id}`}>{t('initiatives.signInToSupport')}</Link></p>
        )
      ) : null}
      {i.status === 'review' && i.reachedAt ? <p className="notice">{t('initiatives.reachedNote', { date: dateTime(i.reachedAt) })}</p> : null}
      {i.status === 'expired' ? <p className="warning">{t('initiatives.expiredNote', { date: dateTime(i.collectsUntil) })}</p> : null}
      {i.status === 'answered' && i.answer ? (
        <section aria-labelledby="answer-title" className="card">
          <h2 id="answer-title">{t('initiatives.answerTitle')}</h2>
          <p className="report-text">{i.answer}</p>
        </section>
      ) : null}
      {i.status === 'voting' ? (
        <p className="notice">{t('initiatives.votingNote')} {i.ballotId ? <Link to={`/votes/${i.ballotId}`}>{t('initiatives.ballotLink')}</Link> : null}</p>
      ) : null}
      <p className="report-text">{i.body}</p>
      {i.photoIds.length ? (
        <div className="photos">
          {i.photoIds.map((p, n) => (
            <img key={p} src={`/media/initiative-photos/${p}`} alt={t('initiatives.photo', { n: n + 1 })} loading="lazy" />
          ))}
        </div>
      ) : null}
      {canReview ? (
        <section aria-labelledby="expert-title" className="card">
          <h2 id="expert-title">{t('initiatives.expertTitle')}</h2>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <TextAreaField name="answer" rows={6} label={labels.answer} hint={t('initiatives.answerHint')} error={actionData?.errors.answer} defaultValue={valueOf(actionData?.values, 'answer')} />
            <button type="submit" name="intent" value="answer" className="button">{t('initiatives.giveAnswer')}</button>
          </Form>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <p className="muted" id="send-to-vote-hint">{t('initiatives.sendToVoteHint')}</p>
            <button type="submit" name="intent" value="send-to-vote" className="button button--secondary" aria-describedby="send-to-vote-hint">{t('initiatives.sendToVote')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
