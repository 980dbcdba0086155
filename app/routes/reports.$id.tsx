import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { canSeeReport } from '#app/modules/reports/permissions.server';
import { getReport, isFollowing, reportDetails } from '#app/modules/reports/queries.server';
import { rateAnswer } from '#app/modules/reports/rate-answer.server';
import { rateSchema } from '#app/modules/reports/schemas';
import { followReport } from '#app/modules/reports/submit-report.server';
import { ratingProgress } from '#app/modules/feedback/give-feedback.server';
import { FeedbackForm } from '#app/components/FeedbackForm';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field } from '#app/components/forms/Field';
import { ReportStatus } from '#app/components/ui/ReportStatus';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { idParam } from '#app/utils/route-params';
import { useDateTime, useT } from '#app/utils/use-app';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { alertsMessages } from '#app/modules/alerts/messages';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.report', messages: [feedbackMessages, reportsMessages, alertsMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const [report, user] = await Promise.all([getReport(id), getCurrentUser(request)]);
  if (!report) throw new Response('Not found', { status: 404 });
  const isAuthor = !!user && report.authorId === user.id;
  if (!canSeeReport(user, report)) throw new Response('Not found', { status: 404 });
  const details = await reportDetails(id);
  const { authorId: _authorId, ...publicReport } = report;
  // The author may rate each point reached (filed, checked, answered), once each: the furthest one not rated yet (ADR 050).
  // The steps already rated say so where a notice's invitation lands (#rate-moderated, #rate-answered).
  const rating = user && isAuthor ? await ratingProgress(user.id, 'report', id) : { toRate: null, rated: [] };
  return { report: publicReport, ...details, isAuthor, rateStage: rating.toRate, ratedStages: rating.rated, signedIn: !!user, following: user ? await isFollowing(id, user.id) : false };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  if (formData.get('intent') === 'follow') {
    const result = await followReport(user.id, id);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/reports/${id}?followed=1`);
  }
  formData.set('reportId', String(id));
  const parsed = parseForm(rateSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await rateAnswer(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/reports/${id}?rated=${result.value}`);
}

export default function ReportPage() {
  const dateTime = useDateTime();
  const { report, events, answers, photos, isAuthor, rateStage, ratedStages, signedIn, following } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const name = (row: { categoryRu: string; categoryEn: string }) => (locale === 'ru' ? row.categoryRu : row.categoryEn);
  const reportPhotos = photos.filter((p) => !p.answerId);
  // The summary links a message to its field only when the rating form is on the page.
  const labels: Record<string, string> = isAuthor ? { satisfied: t('reports.rate'), reason: t('reports.reason') } : {};
  const rated = (['closed', 'reopened', 'control-desk'] as const).find((r) => r === params.get('rated'));
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('reports.number', { id: report.id })}</h1>
      {params.get('submitted') ? <p className="notice" role="status">{t('reports.submitted')}</p> : null}
      {params.get('followed') ? <p className="notice" role="status">{t('reports.followed')}</p> : null}
      {rated ? <p className="notice" role="status">{t(`reports.rated.${rated}`)}</p> : null}
      {params.get('feedback') === 'thanks' ? <p className="notice" role="status">{t('feedback.thanks')}</p> : null}
      <p>
        <ReportStatus status={report.status} overdue={report.overdue} /> {name(report)}
      </p>
      <dl className="facts">
        <dt>{t('reports.address')}</dt>
        <dd>{report.address}</dd>
        {report.districtRu ? (
          <>
            <dt>{t('reports.district')}</dt>
            <dd>{locale === 'ru' ? report.districtRu : report.districtEn}</dd>
          </>
        ) : null}
        {report.departmentRu ? (
          <>
            <dt>{t('reports.department')}</dt>
            <dd>{locale === 'ru' ? report.departmentRu : report.departmentEn}</dd>
          </>
        ) : null}
        <dt>{t('reports.submittedAt')}</dt>
        <dd>{dateTime(report.createdAt)}</dd>
        {report.status === 'assigned' && report.answerDueAt ? (
          <>
            <dt>{t('reports.answerDueLabel')}</dt>
            <dd>{dateTime(report.answerDueAt)}</dd>
          </>
        ) : null}
        {report.status === 'arbitration' && report.arbitrationKind ? (
          <>
            <dt>{t('reports.arbitrationWhy')}</dt>
            <dd>{t(`arbitration.${report.arbitrationKind}`)}</dd>
          </>
        ) : null}
        {report.rejectionReason ? (
          <>
            <dt>{t('reports.rejectReason')}</dt>
            <dd>{t(`reject.${report.rejectionReason as 'duplicate'}`)}</dd>
          </>
        ) : null}
      </dl>
      <p className="report-text">{report.description}</p>
      {reportPhotos.length ? (
        <ul className="photos">
          {reportPhotos.map((p, i) => (
            <li key={p.id}>
              <img src={`/media/report-photos/${p.id}`} width={p.width} height={p.height} alt={t('reports.photo', { n: i + 1, id: report.id })} loading="lazy" />
            </li>
          ))}
        </ul>
      ) : null}
      {signedIn && !isAuthor && !following && report.status !== 'closed' && report.status !== 'rejected' && report.status !== 'submitted' ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="follow" className="button button--secondary">{t('reports.follow')}</button>
        </Form>
      ) : null}
      {report.status !== 'rejected' && report.status !== 'submitted' ? (
        <p>
          <Link to={`/alerts?report=${report.id}`}>{t('alerts.aboutThisArea')}</Link>
        </p>
      ) : null}
      <h2>{answers.length ? t('reports.answer', { department: locale === 'ru' ? answers.at(-1)!.departmentRu : answers.at(-1)!.departmentEn }) : t('reports.answerHeading')}</h2>
      {answers.length === 0 ? <p className="muted">{t('reports.noAnswerYet')}</p> : null}
      {answers.map((a) => (
        <article key={a.id} className="card">
          <p className="muted">{dateTime(a.createdAt)}</p>
          <p className="report-text">{a.text}</p>
          <ul className="photos">
            {photos
              .filter((p) => p.answerId === a.id)
              .map((p, i) => (
                <li key={p.id}>
                  <img src={`/media/report-photos/${p.id}`} width={p.width} height={p.height} alt={t('reports.photo', { n: i + 1, id: report.id })} loading="lazy" />
                </li>
              ))}
          </ul>
        </article>
      ))}
      {isAuthor && report.status === 'answered' ? (
        <section className="card" aria-labelledby="rate-answer-title" data-testid="rate-answer">
        <h2 id="rate-answer-title">{t('reports.rateAnswerTitle')}</h2>
        <Form method="post" noValidate className="form">
          <CsrfInput />
          <div className={actionData?.errors.satisfied ? 'field field--error' : 'field'}>
            <fieldset>
              <legend id="field-satisfied">{labels.satisfied}</legend>
              {actionData?.errors.satisfied ? <span className="field__error">{actionData.errors.satisfied}</span> : null}
              <label className="checkbox"><input type="radio" name="satisfied" value="yes" /> {t('reports.satisfiedYes')}</label>
              <label className="checkbox"><input type="radio" name="satisfied" value="no" /> {t('reports.satisfiedNo')}</label>
            </fieldset>
          </div>
          <Field name="reason" type="text" label={t('reports.reason')} error={actionData?.errors.reason} />
          <button type="submit" className="button">{t('reports.rateButton')}</button>
        </Form>
        </section>
      ) : null}
      {rateStage ? <FeedbackForm subject="report" subjectId={report.id} stage={rateStage} redirectTo={`/reports/${report.id}`} anchor={`rate-${rateStage}`} /> : null}
      {ratedStages.map((stage) => (
        <p key={stage} id={`rate-${stage}`} className="muted" data-testid="rated-stage">
          {t('feedback.ratedStage', { stage: t(`feedback.stage.report.${stage as 'moderated'}`) })}
        </p>
      ))}
      <h2>{t('reports.timeline')}</h2>
      <ol className="timeline">
        {events.map((e, i) => (
          <li key={i}>
            <span className="muted">{dateTime(e.at)}</span> — {t(`event.${e.kind as 'submitted'}`)}
            {e.note ? <>: <q>{e.note}</q></> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
