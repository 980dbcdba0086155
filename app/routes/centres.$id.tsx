import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { DateTime } from 'luxon';
import { getCurrentUser } from '#app/modules/accounts/index.server';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { bookVisit } from '#app/modules/centres/book-visit.server';
import { cityDays } from '#app/modules/centres/hours';
import { bookingDays, centreById, freeSlots } from '#app/modules/centres/queries.server';
import { bookSchema, hourDays, slotsQuerySchema } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { SelectField } from '#app/components/forms/Field';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { env } from '#app/utils/env.server';
import { formValues, parseForm } from '#app/utils/forms';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { useT } from '#app/utils/use-app';
import type { MessageKey } from '#app/utils/i18n';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.centre', messages: [centresMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const centre = await centreById(id);
  if (!centre) throw new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const query = slotsQuerySchema.parse({ service: url.searchParams.get('service') ?? undefined, day: url.searchParams.get('day') ?? undefined });
  const move = slotsQuerySchema.shape.service.parse(url.searchParams.get('move') ?? undefined);
  const now = new Date();
  const days = cityDays(now, env.CITY_TIMEZONE, bookingDays);
  const service = centre.services.find((s) => s.id === query.service) ?? null;
  const day = query.day && days.includes(query.day) ? query.day : null;
  const slots = service && day ? (await freeSlots(centre, day, now, move)).filter((s) => s.free > 0) : null;
  const user = await getCurrentUser(request);
  return { centre, days, serviceId: service?.id ?? null, day, slots, move: move ?? null, signedIn: !!user, here: url.pathname + url.search };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(bookSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const wait = await consumeLimit('visit', { ip: clientIp(context), userId: user.id });
  if (wait !== null) return tooMany(wait, t, formValues(formData));
  const result = await bookVisit(user.id, id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect(`/me/visits?booked=${result.value.visitId}`);
}

const weekdayKey = (d: number) => `centres.weekday.${d}` as MessageKey;

export default function CentrePage() {
  const { centre, days, serviceId, day, slots, move, signedIn, here } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  const labels = { serviceId: t('centres.service'), slot: t('centres.slot'), form: t('centres.booking') };
  const chosenSlot = typeof actionData?.values.slot === 'string' ? actionData.values.slot : '';
  const dayLabel = (d: string) => `${t(weekdayKey(DateTime.fromISO(d).weekday))}, ${DateTime.fromISO(d).toFormat('dd.MM')}`;
  return (
    <>
      {/* A refused service (not offered, withdrawn) is chosen again in the service select. */}
      <ErrorSummary errors={actionData?.errors} labels={labels} ids={{ form: null, serviceId: 'field-service-choice' }} />
      <h1>{ru ? centre.nameRu : centre.nameEn}</h1>
      <p>{ru ? centre.addressRu : centre.addressEn}{centre.districtRu ? ` · ${ru ? centre.districtRu : centre.districtEn}` : ''}</p>
      <p>
        <Badge tone={centre.openNow ? 'success' : 'neutral'}>{centre.openNow ? t('centres.openNow') : t('centres.closedNow')}</Badge>{' '}
        {centre.todayHours ? t('centres.todayHours', { opens: centre.todayHours.opens, closes: centre.todayHours.closes }) : t('centres.closedToday')}
        {centre.holidayToday ? ` (${t('centres.holidayToday')})` : ''}
      </p>
      {(ru ? centre.accessibilityRu : centre.accessibilityEn) ? (
        <p>
          <strong>{t('centres.accessibility')}:</strong> {ru ? centre.accessibilityRu : centre.accessibilityEn}
        </p>
      ) : null}
      <h2>{t('centres.hours')}</h2>
      <table>
        <tbody>
          {hourDays.map((d) => {
            const h = centre.week.find((w) => w.weekday === d);
            return (
              <tr key={d}>
                <th scope="row">{d === 0 ? t('centres.holidays') : t(weekdayKey(d))}</th>
                <td>{h ? `${h.opens}–${h.closes}` : t('centres.closed')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t('centres.services')}</h2>
      {centre.services.length === 0 ? (
        <p>{t('centres.noServices')}</p>
      ) : (
        <ul>
          {centre.services.map((s) => (
            <li key={s.id}>
              <Link to={`/services#service-${s.code}`}>{ru ? s.nameRu : s.nameEn}</Link> — {t('services.duration', { minutes: s.durationMinutes })}
            </li>
          ))}
        </ul>
      )}
      <h2 id="booking">{move ? t('centres.moveTitle') : t('centres.booking')}</h2>
      {centre.services.length > 0 ? (
        <Form method="get" className="form" action={`/centres/${centre.id}#booking`}>
          {move ? <input type="hidden" name="move" value={move} /> : null}
          <SelectField name="service" id="field-service-choice" label={t('centres.service')} defaultValue={serviceId ? String(serviceId) : ''} options={[{ value: '', label: t('centres.chooseService') }, ...centre.services.map((s) => ({ value: String(s.id), label: ru ? s.nameRu : s.nameEn }))]} />
          <SelectField name="day" label={t('centres.day')} defaultValue={day ?? ''} options={[{ value: '', label: t('centres.chooseDay') }, ...days.map((d) => ({ value: d, label: dayLabel(d) }))]} />
          <button type="submit" className="button button--secondary">{t('centres.showSlots')}</button>
        </Form>
      ) : null}
      {slots && day && serviceId ? (
        slots.length === 0 ? (
          <p className="empty-state">{t('centres.noSlots')}</p>
        ) : !signedIn ? (
          <p>
            <Link to={`/sign-in?redirectTo=${encodeURIComponent(here)}`}>{t('centres.signInToBook')}</Link>
          </p>
        ) : (
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="serviceId" value={serviceId} />
            {move ? <input type="hidden" name="visitId" value={move} /> : null}
            <fieldset className={actionData?.errors.slot ? 'field field--error' : 'field'} aria-describedby={actionData?.errors.slot ? 'field-slot-error' : undefined}>
              <legend>{t('centres.slotsOn', { day: dayLabel(day), count: slots.length })}</legend>
              {actionData?.errors.slot ? (
                <span className="field__error" id="field-slot-error">
                  {actionData.errors.slot}
                </span>
              ) : null}
              <div className="slot-grid">
                {slots.map((s, i) => (
                  <label key={s.start} className="slot">
                    <input type="radio" name="slot" value={s.start} id={i === 0 ? 'field-slot' : undefined} defaultChecked={s.start === chosenSlot} />
                    {s.start.slice(11)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className="button">{move ? t('centres.moveButton') : t('centres.bookButton')}</button>
          </Form>
        )
      ) : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
