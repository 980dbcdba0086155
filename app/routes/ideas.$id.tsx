import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { commentOnIdea } from '#app/modules/ideas/comment-on-idea.server';
import { flagAbuse } from '#app/modules/ideas/flag-abuse.server';
import { canAssessProject, canModerateProject } from '#app/modules/ideas/permissions.server';
import { idParam } from '#app/utils/route-params';
import { getIdea, hasSupported, listAssessments, listComments, type IdeaComment, type IdeaDetails } from '#app/modules/ideas/queries.server';
import { localName } from '#app/utils/i18n';
import { formatAmount } from '#app/utils/format';
import { commentSchema, flagSchema, supportSchema } from '#app/modules/ideas/schemas';
import { stageAllows } from '#app/modules/ideas/stages';
import { supportIdea } from '#app/modules/ideas/support-idea.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, TextAreaField, valueOf } from '#app/components/forms/Field';
import { IdeaStatus } from '#app/components/ui/IdeaStatus';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { ratingProgress } from '#app/modules/feedback/give-feedback.server';
import { FeedbackForm } from '#app/components/FeedbackForm';
import { formValues, parseForm } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.idea', messages: [feedbackMessages, ideasMessages] } satisfies PageHandle;

type ShownComment = Omit<IdeaComment, 'authorId'> & { mine: boolean };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const [idea, user] = await Promise.all([getIdea(id), getCurrentUser(request)]);
  if (!idea) throw new Response('Not found', { status: 404 });
  if (idea.status === 'merged' && idea.mergedIntoId) throw redirect(`/ideas/${idea.mergedIntoId}?from=${id}`, 301);
  const { authorId, ...shown } = idea;
  const isAuthor = !!user && user.id === authorId;
  const canModerate = !!user && canModerateProject(user, idea.projectId);
  const isStaff = canModerate || (!!user && canAssessProject(user, idea.projectId));
  if (idea.status === 'hidden') {
    // The stub: the reason is public, the text is not.
    return { idea: { ...shown, body: '', photos: [], credits: [], tags: [] }, comments: [] as ShownComment[], assessments: [], supported: false, signedIn: !!user, isAuthor, canModerate: false, rateStage: null, ratedStages: [], userId: user?.id ?? null };
  }
  // The author may rate the review of their idea once experts have assessed it, once; the shortlist's invitation lands
  // on #rate-reviewed, which says so once it is rated (as a report's steps do, ADR 050).
  const [comments, supported, assessments, rating] = await Promise.all([
    listComments(id),
    user ? hasSupported(id, user.id) : false,
    isAuthor || isStaff ? listAssessments(id) : [],
    isAuthor ? ratingProgress(user.id, 'idea', id) : { toRate: null, rated: [] },
  ]);
  return {
    idea: shown,
    comments: comments.map(({ authorId: commentAuthor, ...c }): ShownComment => ({ ...c, mine: !!user && commentAuthor === user.id })),
    assessments,
    supported,
    signedIn: !!user,
    isAuthor,
    canModerate,
    rateStage: rating.toRate,
    ratedStages: rating.rated,
    userId: user?.id ?? null,
  };
}

export const headers = formRouteHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const intent = formData.get('intent');
  // Bursts of supports and of comments (and abuse reports, counted with comments) are limited per IP and account.
  const limited = intent === 'support' || intent === 'withdraw' ? 'support' : intent === 'comment' || intent === 'flag' ? 'comment' : null;
  if (limited) {
    const wait = await consumeLimit(limited, { ip: clientIp(context), userId: user.id });
    if (wait !== null) return tooMany(wait, t, formValues(formData));
  }
  if (intent === 'support' || intent === 'withdraw') {
    const parsed = parseForm(supportSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await supportIdea(user.id, id, parsed.data.intent);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/ideas/${id}?${parsed.data.intent === 'support' ? 'supported' : 'withdrawn'}=1`);
  }
  if (intent === 'flag') {
    const parsed = parseForm(flagSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await flagAbuse(user.id, id, parsed.data);
    if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
    return redirect(`/ideas/${id}?flagged=1`);
  }
  if (intent === 'comment') {
    const parsed = parseForm(commentSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await commentOnIdea(user.id, id, parsed.data);
    if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
    return redirect(`/ideas/${id}?commented=1#comment-${result.value.commentId}`);
  }
  return invalid({ form: t('errors.choice') });
}

function Comment({ c, replies, canReply, errors, values }: { c: ShownComment; replies: ShownComment[]; canReply: boolean; errors?: Record<string, string>; values?: Record<string, string | string[]> }) {
  const dateTime = useDateTime();
  const { t } = useT();
  const replyingHere = valueOf(values, 'parentId') === String(c.id);
  return (
    <li id={`comment-${c.id}`} className="comment">
      <p className="muted">{c.authorName ?? t('ideas.formerResident')} · {dateTime(c.createdAt)}</p>
      {c.hidden ? <p className="muted">{t('ideas.commentHidden', { reason: c.hiddenReason ?? '' })}</p> : <p className="report-text">{c.body}</p>}
      {!c.hidden && !c.mine && canReply ? (
        <details className="inline-details">
          <summary>{t('ideas.reportAbuse')}<span className="visually-hidden"> {t('ideas.commentNumber', { id: c.id })}</span></summary>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="commentId" value={c.id} />
            <Field id={`flag-reason-${c.id}`} name="reason" type="text" label={t('ideas.abuseReason')} />
            <button type="submit" name="intent" value="flag" className="button button--secondary">{t('ideas.sendReport')}</button>
          </Form>
        </details>
      ) : null}
      {replies.length ? (
        <ul className="list-plain replies">
          {replies.map((r) => (
            <li key={r.id} id={`comment-${r.id}`} className="comment">
              <p className="muted">{r.authorName ?? t('ideas.formerResident')} · {dateTime(r.createdAt)}</p>
              {r.hidden ? <p className="muted">{t('ideas.commentHidden', { reason: r.hiddenReason ?? '' })}</p> : <p className="report-text">{r.body}</p>}
            </li>
          ))}
        </ul>
      ) : null}
      {canReply && !c.hidden ? (
        <details className="inline-details" open={replyingHere}>
          <summary>{t('ideas.reply')}<span className="visually-hidden"> {t('ideas.commentNumber', { id: c.id })}</span></summary>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="parentId" value={c.id} />
            <TextAreaField id={`reply-${c.id}`} name="body" rows={3} label={t('ideas.replyText')} error={replyingHere ? errors?.body : undefined} defaultValue={replyingHere ? valueOf(values, 'body') : ''} />
            <button type="submit" name="intent" value="comment" className="button button--secondary">{t('ideas.sendReply')}</button>
          </Form>
        </details>
      ) : null}
    </li>
  );
}

export default function IdeaPage() {
  const dateTime = useDateTime();
  const { idea, comments, assessments, supported, signedIn, isAuthor, canModerate, rateStage, ratedStages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const stage = idea.projectStage;
  const supportable = (idea.status === 'published' || idea.status === 'shortlisted') && stageAllows(stage, 'support');
  const commentable = idea.status !== 'hidden' && stageAllows(stage, 'comment');
  const values = actionData?.values;
  const replying = comments.some((c) => c.parentId === null && String(c.id) === valueOf(values, 'parentId'));
  const errors = actionData?.errors as Record<string, string> | undefined;
  const labels = { body: t('ideas.commentText'), reason: t('ideas.abuseReason') };
  const topLevel = comments.filter((c) => c.parentId === null);
  return (
    <>
      <ErrorSummary errors={errors} labels={replying ? {} : labels} />
      <p><Link to={`/projects/${idea.projectSlug}`}>{locale === 'ru' ? idea.projectTitleRu : idea.projectTitleEn}</Link></p>
      <h1>{idea.title}</h1>
      {params.get('proposed') ? <p className="notice" role="status">{t('ideas.proposed')}</p> : null}
      {params.get('supported') ? <p className="notice" role="status">{t('ideas.supportedNotice')}</p> : null}
      {params.get('withdrawn') ? <p className="notice" role="status">{t('ideas.withdrawnNotice')}</p> : null}
      {params.get('flagged') ? <p className="notice" role="status">{t('ideas.flagged')}</p> : null}
      {params.get('commented') ? <p className="notice" role="status">{t('ideas.commented')}</p> : null}
      {params.get('merged') ? <p className="notice" role="status">{t('ideas.mergedNotice')}</p> : null}
      {params.get('from') ? <p className="notice" role="status">{t('ideas.redirectedFrom', { id: params.get('from')! })}</p> : null}
      {params.get('feedback') === 'thanks' ? <p className="notice" role="status">{t('feedback.thanks')}</p> : null}
      <p>
        <IdeaStatus status={idea.status} /> <span className="muted">{t('ideas.by', { name: idea.authorName ?? t('ideas.formerResident') })} · {dateTime(idea.createdAt)}</span>
      </p>
      {idea.status === 'hidden' ? (
        <p className="warning">{t('ideas.hiddenStub', { reason: idea.hiddenReason ?? '' })}</p>
      ) : (
        <>
          {idea.credits.length ? <p>{t('ideas.credited', { names: idea.credits.map((c) => c.name).join(', ') })}</p> : null}
          <p className="report-text">{idea.body}</p>
          {idea.tags.length ? (
            <p className="tags">
              {idea.tags.map((tag) => (
                <Link key={tag} to={`/projects/${idea.projectSlug}?${new URLSearchParams({ tag })}`} className="tag">#{tag}</Link>
              ))}
            </p>
          ) : null}
          {idea.currency ? <BudgetLine idea={idea} /> : null}
          {idea.photos.length ? (
            <ul className="photos">
              {idea.photos.map((p, i) => (
                <li key={p.id}>
                  <img src={`/media/idea-photos/${p.id}`} width={p.width} height={p.height} alt={t('ideas.photo', { n: i + 1 })} loading="lazy" />
                </li>
              ))}
            </ul>
          ) : null}
          <div className="support-line">
            <strong>{t('ideas.supports', { n: idea.supportCount })}</strong>{' '}
            {signedIn && supportable ? (
              <Form method="post" className="inline-form">
                <CsrfInput />
                <button type="submit" name="intent" value={supported ? 'withdraw' : 'support'} className={supported ? 'button button--secondary' : 'button'}>
                  {supported ? t('ideas.withdraw') : t('ideas.support')}
                </button>
              </Form>
            ) : null}
            {!signedIn && supportable ? <Link to={`/sign-in?redirectTo=/ideas/${idea.id}`}>{t('ideas.signInToSupport')}</Link> : null}
            {!supportable && idea.status !== 'accepted' ? <span className="muted">{t('ideas.supportsClosed')}</span> : null}
          </div>
          {canModerate ? (
            <details className="inline-details">
              <summary>{t('ideas.moderateHere')}</summary>
              <p><Link to="/moderation/ideas">{t('page.ideasModeration')}</Link></p>
              <Form method="post" action="/moderation/ideas" className="form" noValidate>
                <CsrfInput />
                <input type="hidden" name="ideaId" value={idea.id} />
                <Field id="mod-edit-title" name="title" type="text" label={t('ideas.title')} defaultValue={idea.title} />
                <TextAreaField id="mod-edit-body" name="body" rows={5} label={t('ideas.body')} defaultValue={idea.body} />
                <button type="submit" name="intent" value="edit" className="button button--secondary">{t('ideas.saveCorrection')}</button>
              </Form>
              <Form method="post" action="/moderation/ideas" className="form" noValidate>
                <CsrfInput />
                <input type="hidden" name="ideaId" value={idea.id} />
                <Field id="mod-hide-reason" name="reason" type="text" label={t('ideas.hideReason')} hint={t('ideas.hideReasonHint')} />
                <button type="submit" name="intent" value="hide" className="button button--danger">{t('ideas.hide')}</button>
              </Form>
            </details>
          ) : null}
          {assessments.length ? (
            <section aria-labelledby="assessments-title">
              <h2 id="assessments-title">{t('ideas.assessments')}</h2>
              <ul className="list-plain">
                {assessments.map((a, i) => (
                  <li key={i}>
                    <strong>{t(`ideas.verdict.${a.verdict as 'recommend'}`)}</strong> · {t('ideas.score', { score: a.score })} · <span className="muted">{a.expertName}</span>
                    {a.note ? <p className="report-text">{a.note}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {rateStage ? <FeedbackForm subject="idea" subjectId={idea.id} stage={rateStage} redirectTo={`/ideas/${idea.id}`} anchor={`rate-${rateStage}`} /> : null}
          {ratedStages.map((rated) => (
            <p key={rated} id={`rate-${rated}`} className="muted" data-testid="rated-stage">
              {/* An idea has one point to rate, its review (stagesOf.idea). */}
              {t('feedback.ratedStage', { stage: t('feedback.stage.idea.reviewed') })}
            </p>
          ))}
          {signedIn && !isAuthor ? (
            <details className="inline-details">
              <summary>{t('ideas.reportAbuseIdea')}</summary>
              <Form method="post" className="form" noValidate>
                <CsrfInput />
                <Field name="reason" type="text" label={labels.reason} error={errors?.reason} defaultValue={valueOf(values, 'reason')} />
                <button type="submit" name="intent" value="flag" className="button button--secondary">{t('ideas.sendReport')}</button>
              </Form>
            </details>
          ) : null}
          <h2>{t('ideas.discussion', { n: idea.commentCount })}</h2>
          {topLevel.length === 0 ? <p className="muted">{t('ideas.noComments')}</p> : null}
          <ul className="list-plain comments">
            {topLevel.map((c) => (
              <Comment key={c.id} c={c} replies={comments.filter((r) => r.parentId === c.id)} canReply={signedIn && commentable} errors={errors} values={values} />
            ))}
          </ul>
          {signedIn && commentable ? (
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <TextAreaField name="body" rows={4} label={labels.body} error={replying ? undefined : errors?.body} defaultValue={replying ? '' : valueOf(values, 'body')} />
              <button type="submit" name="intent" value="comment" className="button">{t('ideas.sendComment')}</button>
            </Form>
          ) : null}
          {!signedIn ? <p><Link to={`/sign-in?redirectTo=/ideas/${idea.id}`}>{t('ideas.signInToComment')}</Link></p> : null}
        </>
      )}
    </>
  );
}

/** A budget idea's costs and the experts' verdict, shown to everyone (the reasons too). */
function BudgetLine({ idea }: { idea: Pick<IdeaDetails, 'currency' | 'proposedCost' | 'cost' | 'feasibility' | 'feasibilityReason' | 'budgetDistrict'> }) {
  const { t, locale } = useT();
  const amount = (n: number) => formatAmount(n, idea.currency);
  return (
    <dl className="figures">
      {idea.proposedCost !== null ? <div><dt>{t('ideas.proposedCostTerm')}</dt><dd>{amount(idea.proposedCost)}</dd></div> : null}
      <div>
        <dt>{t('ideas.feasibility')}</dt>
        <dd>{idea.feasibility ? t(`ideas.feasibility.${idea.feasibility}`) : t('ideas.notCostedYet')}{idea.feasibilityReason ? `: ${idea.feasibilityReason}` : ''}</dd>
      </div>
      {idea.cost !== null ? <div><dt>{t('ideas.costTerm')}</dt><dd>{amount(idea.cost)}</dd></div> : null}
      {idea.budgetDistrict ? <div><dt>{t('ideas.costDistrict')}</dt><dd>{localName(locale, idea.budgetDistrict)}</dd></div> : null}
    </dl>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
