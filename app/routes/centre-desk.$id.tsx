import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { cityDays } from '#app/modules/centres/hours';
import { markVisit } from '#app/modules/centres/mark-visit.server';
import { centreById, centreFigures, deskDay } from '#app/modules/centres/queries.server';
import { callNext, checkInVisit, finishTicket, issueTicket, queueToday } from '#app/modules/centres/queue.server';
import { callNextSchema, finishTicketSchema, issueTicketSchema, markVisitSchema, visitActionSchema } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { SelectField } from '#app/components/forms/Field';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge, type Tone } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { env } from '#app/utils/env.server';
import { parseForm } from '#app/utils/forms';
import { idParam, serialMax } from '#app/utils/route-params';
import { useDateTime, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.centreDesk', messages: [centresMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  // An admin serves anywhere; a consultant only at their own centre (ADR 048).
  await requirePermission(request, 'centres.serve', { centreId: id });
  const centre = await centreById(id);
  if (!centre) throw new Response('Not found', { status: 404 });
  const [today] = cityDays(new Date(), env.CITY_TIMEZONE, 1);
  const [visits, figures, queue] = await Promise.all([deskDay(id, today!), centreFigures(id), queueToday(id)]);
  const now = Date.now();
  const checkedIn = queue.flatMap((q) => (q.visitId ? [q.visitId] : []));
  return {
    centre: { id, nameRu: centre.nameRu, nameEn: centre.nameEn, windows: centre.windows, services: centre.services.map((s) => ({ id: s.id, nameRu: s.nameRu, nameEn: s.nameEn })) },
    visits: visits.map((v) => ({ ...v, markable: v.status === 'booked' && v.startsAt.getTime() <= now + 3600_000 })),
    queue,
    checkedIn,
    figures,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const user = await requirePermission(request, 'centres.serve', { centreId: id });
  const { formData, t } = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'issue') {
    const parsed = parseForm(issueTicketSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await issueTicket(user.id, id, parsed.data.serviceId);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/centre-desk/${id}?issued=${result.value.number}`);
  }
  if (intent === 'check-in') {
    const parsed = parseForm(visitActionSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await checkInVisit(user.id, id, parsed.data.visitId);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/centre-desk/${id}?issued=${result.value.number}`);
  }
  if (intent === 'call') {
    const parsed = parseForm(callNextSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await callNext(user.id, id, parsed.data.window);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/centre-desk/${id}?${result.value ? `called=${result.value.number}&window=${parsed.data.window}` : 'empty=1'}`);
  }
  if (intent === 'finish') {
    const parsed = parseForm(finishTicketSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await finishTicket(user.id, id, parsed.data.ticketId, parsed.data.outcome);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(`/centre-desk/${id}?finished=1`);
  }
  const parsed = parseForm(markVisitSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors);
  const result = await markVisit(user.id, id, parsed.data.visitId, parsed.data.outcome);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/centre-desk/${id}?marked=1`);
}

const tones: Record<string, Tone> = { booked: 'info', served: 'success', cancelled: 'neutral', no_show: 'warning' };

export default function CentreDesk() {
  const { centre, visits, figures, queue, checkedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const ticketOfVisit = new Set(checkedIn);
  const dateTime = useDateTime();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{ serviceId: t('centres.service'), window: t('centres.window') }} ids={{ window: 'field-window' }} />
      <h1>{t('centres.deskTitle', { centre: ru ? centre.nameRu : centre.nameEn })}</h1>
      <p>
        <Link to={`/centres/${centre.id}`}>{t('centres.publicPage')}</Link> · <Link to={`/centre-screen/${centre.id}`}>{t('centres.screenLink')}</Link> ·{' '}
        <Link to={`/centre-desk/${centre.id}/assist`}>{t('assist.deskLink')}</Link>
      </p>
      {params.get('issued') ? <p className="notice" role="status">{t('centres.issued', { number: params.get('issued') ?? '' })}</p> : null}
      {params.get('called') ? <p className="notice" role="status">{t('centres.calledNotice', { number: params.get('called') ?? '', window: params.get('window') ?? '' })}</p> : null}
      {params.get('empty') ? <p className="notice" role="status">{t('centres.queueEmpty')}</p> : null}
      <h2>{t('centres.queue')}</h2>
      <div className="desk-controls">
        <Form method="post" className="form" noValidate>
          <CsrfInput />
          <SelectField name="window" label={t('centres.window')} error={actionData?.errors.window} options={Array.from({ length: centre.windows }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))} />
          <button type="submit" name="intent" value="call" className="button">{t('centres.callNext')}</button>
        </Form>
        <Form method="post" className="form" noValidate>
          <CsrfInput />
          <SelectField name="serviceId" label={t('centres.service')} error={actionData?.errors.serviceId} options={[{ value: '', label: t('centres.chooseService') }, ...centre.services.map((s) => ({ value: String(s.id), label: ru ? s.nameRu : s.nameEn }))]} />
          <button type="submit" name="intent" value="issue" className="button button--secondary">{t('centres.issueTicket')}</button>
        </Form>
      </div>
      {queue.length === 0 ? (
        <p className="empty-state">{t('centres.noTickets')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('centres.ticket')}</th>
                <th scope="col">{t('centres.ticketKind')}</th>
                <th scope="col">{t('centres.window')}</th>
                <th scope="col">{t('centres.status')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr key={q.id} data-ticket={q.number}>
                  <td>{q.number}</td>
                  <td>{t(`centres.kind.${q.kind}`)}</td>
                  <td>{q.window ?? '—'}</td>
                  <td>
                    {t(`centres.ticketStatus.${q.status}`)}
                    {q.status === 'called' ? (
                      <>
                        {' '}
                        <InlineAction label={t('centres.markServed')} about={t('centres.ticketNumber', { number: q.number })} intent="finish" fields={{ ticketId: q.id, outcome: 'served' }} />{' '}
                        <InlineAction label={t('centres.markNoShow')} about={t('centres.ticketNumber', { number: q.number })} intent="finish" fields={{ ticketId: q.id, outcome: 'no_show' }} />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('centres.week')}</h2>
      <dl className="figures">
        <dt>{t('centres.figBooked')}</dt>
        <dd>{figures.booked}</dd>
        <dt>{t('centres.figServed')}</dt>
        <dd>{figures.served}</dd>
        <dt>{t('centres.figNoShow')}</dt>
        <dd>{figures.noShow}</dd>
        <dt>{t('centres.figCancelled')}</dt>
        <dd>{figures.cancelled}</dd>
      </dl>
      <h2>{t('centres.today')}</h2>
      {visits.length === 0 ? <p className="empty-state">{t('centres.noVisitsToday')}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('centres.slot')}</th>
              <th scope="col">{t('centres.window')}</th>
              <th scope="col">{t('centres.service')}</th>
              <th scope="col">{t('centres.person')}</th>
              <th scope="col">{t('centres.status')}</th>
            </tr>
          </thead>
          <tbody>
            {visits.map((v) => (
              <tr key={v.id}>
                <td>{dateTime(v.startsAt)}</td>
                <td>{v.window}</td>
                <td>{ru ? v.serviceRu : v.serviceEn}</td>
                <td>{v.person}</td>
                <td>
                  <Badge tone={tones[v.status]}>{t(`centres.status.${v.status}`)}</Badge>
                  {v.status === 'booked' && !ticketOfVisit.has(v.id) ? (
                    <>
                      {' '}
                      <InlineAction label={t('centres.checkIn')} about={v.person} intent="check-in" fields={{ visitId: v.id }} />
                    </>
                  ) : null}
                  {v.markable ? (
                    <>
                      {' '}
                      <InlineAction label={t('centres.markServed')} about={v.person} fields={{ visitId: v.id, outcome: 'served' }} />{' '}
                      <InlineAction label={t('centres.markNoShow')} about={v.person} fields={{ visitId: v.id, outcome: 'no_show' }} />
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
