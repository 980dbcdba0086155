import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { cancelVisit } from '#app/modules/centres/book-visit.server';
import { visitsOf } from '#app/modules/centres/queries.server';
import { visitActionSchema } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { stageToRate } from '#app/modules/feedback/give-feedback.server';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { FeedbackForm } from '#app/components/FeedbackForm';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge, type Tone } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.myVisits', messages: [centresMessages, feedbackMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = Date.now();
  const visits = await visitsOf(user.id);
  // Each visit asks for a rating at the point it reached (booked, then served), once each (ADR 050).
  const rateStages = await Promise.all(visits.map((v) => (v.status === 'booked' || v.status === 'served' ? stageToRate(user.id, 'visit', v.id) : null)));
  return { visits: visits.map((v, i) => ({ ...v, coming: v.status === 'booked' && v.startsAt.getTime() > now, rateStage: rateStages[i] ?? null })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(visitActionSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors);
  const result = await cancelVisit(user.id, parsed.data.visitId);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect('/me/visits?cancelled=1');
}

const tones: Record<string, Tone> = { booked: 'info', served: 'success', cancelled: 'neutral', no_show: 'warning' };

export default function MyVisits() {
  const { visits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const dateTime = useDateTime();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      <h1>{t('page.myVisits')}</h1>
      {params.get('booked') ? <p className="notice" role="status">{t('centres.booked')}</p> : null}
      {params.get('feedback') === 'thanks' ? <p className="notice" role="status">{t('feedback.thanks')}</p> : null}
      {params.get('cancelled') ? <p className="notice" role="status">{t('centres.cancelled')}</p> : null}
      <p>
        <Link to="/centres">{t('centres.bookAnother')}</Link>
      </p>
      {visits.length === 0 ? <p className="empty-state">{t('centres.noVisits')}</p> : null}
      <ul className="list-plain">
        {visits.map((v) => (
          <li key={v.id} className="card" data-visit={v.id}>
            <p>
              <strong>{dateTime(v.startsAt)}</strong> — {ru ? v.serviceRu : v.serviceEn} <Badge tone={tones[v.status]}>{t(`centres.status.${v.status}`)}</Badge>
            </p>
            <p>
              <Link to={`/centres/${v.centreId}`}>{ru ? v.centreRu : v.centreEn}</Link>, {ru ? v.addressRu : v.addressEn}
            </p>
            {v.coming && v.serviceWithdrawn ? <p className="muted">{t('services.visitOfWithdrawn')}</p> : null}
            {v.coming ? (
              <p>
                {/* A withdrawn service cannot be booked again, so the visit can be kept or cancelled, not moved. */}
                {v.serviceWithdrawn ? null : <Link to={`/centres/${v.centreId}?service=${v.serviceId}&move=${v.id}#booking`}>{t('centres.move')}</Link>}{' '}
                <InlineAction label={t('centres.cancel')} about={dateTime(v.startsAt)} fields={{ visitId: v.id }} />
              </p>
            ) : null}
            {v.rateStage ? <FeedbackForm subject="visit" subjectId={v.id} stage={v.rateStage} redirectTo="/me/visits" idPrefix={`visit-${v.id}-`} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
