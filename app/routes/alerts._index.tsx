// /alerts: subscribe to new reports and answers in an area (ADR 056) — a district, around an address of the city's
// registry, around a report's place (?report=) or a point (?lat&lng). Signed in, the alert is on at once; otherwise
// the digest's address is confirmed by e-mail first. A plain form: works without JavaScript; with it, a click on the map
// chooses the point (ADR 062), and the circle shows the area.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { lazy, Suspense, useCallback, useState } from 'react';
import { z } from 'zod';
import { getCurrentUser } from '#app/modules/accounts/index.server';
import { listDistricts } from '#app/modules/city/index.server';
import { getReport, isPublicReport } from '#app/modules/reports/index.server';
import { alertsMessages } from '#app/modules/alerts/messages';
import { alertAreaSchema, alertEmailSchema, alertRadii, alertsPerPerson } from '#app/modules/alerts/schemas';
import { resolveArea, subscribeToArea } from '#app/modules/alerts/subscribe-to-area.server';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { ClientOnly } from '#app/components/map/ClientOnly';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { Field, SelectField, valueOf } from '#app/components/forms/Field';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { env } from '#app/utils/env.server';
import { formValues, msg, optionalIdText, parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { searchParamsOf } from '#app/utils/search-params.server';
import { useRootData, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

const PinMap = lazy(() => import('#app/components/map/PinMap.client'));

export const handle = { title: 'page.alerts', messages: [alertsMessages] } satisfies PageHandle;
export const headers = formRouteHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletCss }];

const coordinateText = z.string().trim().regex(/^-?\d{1,3}(\.\d{1,12})?$/, msg('errors.invalid')).transform(Number).optional();
const pageQuerySchema = z.object({ district: optionalIdText(), report: optionalIdText({ max: Number.MAX_SAFE_INTEGER }), lat: coordinateText, lng: coordinateText });

export async function loader({ request }: LoaderFunctionArgs) {
  const query = await searchParamsOf(request, pageQuerySchema);
  const [user, districts] = await Promise.all([getCurrentUser(request), listDistricts()]);
  const report = query.report ? await getReport(query.report) : null;
  const shownReport = report && isPublicReport(report) ? { id: report.id, address: report.address } : null;
  const point = query.lat !== undefined && query.lng !== undefined && Math.abs(query.lat) <= 90 && Math.abs(query.lng) <= 180 ? { lat: query.lat, lng: query.lng } : null;
  return { signedIn: !!user, districts, district: query.district ?? null, report: shownReport, point, digestHour: env.ALERT_DIGEST_HOUR };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getCurrentUser(request);
  const { formData, t, locale } = await readForm(request);
  const values = formValues(formData);
  const area = parseForm(alertAreaSchema, formData, t);
  const email = user ? null : parseForm(alertEmailSchema, formData, t);
  if (!area.ok || (email && !email.ok)) return invalid({ ...(area.ok ? {} : area.errors), ...(email && !email.ok ? email.errors : {}) }, values);
  const wait = await consumeLimit('area-alert', { ip: clientIp(context), userId: user?.id ?? email?.data.email });
  if (wait !== null) return tooMany(wait, t, values);
  const resolved = await resolveArea(area.data, locale);
  if (!resolved.ok) return invalid(translateErrors(resolved.errors, t), values);
  const owner = user ? { userId: user.id } : { email: email!.data.email, locale };
  const result = await subscribeToArea(owner, resolved.value);
  if (!result.ok) return invalid({ form: t('alerts.tooMany', { max: alertsPerPerson }) }, values);
  if (user) return redirect(`/me/alerts?${result.value.existed ? 'exists' : 'created'}=${result.value.alertId}`);
  // The same answer whether the address was new, waiting or already confirmed: the page tells nobody whose it is.
  return data({ sentTo: email!.data.email, errors: undefined, values: {} });
}

export default function Alerts() {
  const { signedIn, districts, district, report, point, digestHour } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const root = useRootData();
  const values = actionData && 'values' in actionData ? actionData.values : undefined;
  // The point: from the URL, kept from a refused post, or clicked on the map.
  const [picked, setPicked] = useState<{ lat: number; lng: number } | null>(() => {
    const lat = Number(valueOf(values, 'lat')), lng = Number(valueOf(values, 'lng'));
    return valueOf(values, 'lat') && valueOf(values, 'lng') && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : point;
  });
  const [where, setWhere] = useState(() => valueOf(values, 'where', report ? 'report' : point ? 'point' : 'district'));
  const [radius, setRadius] = useState(() => valueOf(values, 'radius', '500'));
  const onPin = useCallback(([lat, lng]: [number, number]) => {
    setPicked({ lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) });
    setWhere('point');
  }, []);
  if (actionData && 'sentTo' in actionData) {
    return (
      <>
        <h1>{t('page.alerts')}</h1>
        <p className="notice" role="status">{t('alerts.checkEmail', { email: actionData.sentTo })}</p>
      </>
    );
  }
  const errors = actionData?.errors;
  const choice = (value: string) => ({ checked: where === value, onChange: () => setWhere(value) });
  return (
    <>
      <ErrorSummary errors={errors} labels={{ where: t('alerts.where'), district: t('alerts.district'), address: t('alerts.address'), radius: t('alerts.radius'), report: t('alerts.where'), lat: t('alerts.where'), lng: t('alerts.where'), email: t('alerts.email') }} ids={{ where: 'where-district' }} />
      <h1>{t('page.alerts')}</h1>
      <p>{t('alerts.intro')} {t('alerts.schedule', { hour: digestHour })}</p>
      <Form method="post" noValidate className="form" onChange={(e) => (e.target as HTMLSelectElement).name === 'radius' && setRadius((e.target as HTMLSelectElement).value)}>
        <CsrfInput />
        <fieldset className={errors?.where ? 'field field--error' : 'field'}>
          <legend>{t('alerts.where')}</legend>
          {errors?.where ? <span className="field__error" id="where-error">{errors.where}</span> : null}
          <div className="checkboxes">
            <label className="checkbox">
              <input type="radio" name="where" value="district" id="where-district" {...choice('district')} />
              {t('alerts.where.district')}
            </label>
            <label className="checkbox">
              <input type="radio" name="where" value="address" id="where-address" {...choice('address')} />
              {t('alerts.where.address')}
            </label>
            {report ? (
              <label className="checkbox">
                <input type="radio" name="where" value="report" id="where-report" {...choice('report')} />
                {t('alerts.where.report', { id: report.id, address: report.address })}
              </label>
            ) : null}
            {picked ? (
              <label className="checkbox">
                <input type="radio" name="where" value="point" id="where-point" {...choice('point')} />
                {t('alerts.where.point', { lat: picked.lat, lng: picked.lng })}
              </label>
            ) : null}
          </div>
        </fieldset>
        {report ? <input type="hidden" name="report" value={report.id} /> : null}
        {picked ? (
          <>
            <input type="hidden" name="lat" value={picked.lat} />
            <input type="hidden" name="lng" value={picked.lng} />
          </>
        ) : null}
        {/* The map needs JavaScript and a mouse or touch; the district and the address stay the way without them. */}
        <ClientOnly>
          {() => (
            <Suspense fallback={null}>
              <p className="field__hint" id="alerts-map-hint">{t('alerts.mapHint')}</p>
              <PinMap tileUrl={root?.env.MAP_TILE_URL ?? ''} center={[55.75, 37.62]} value={picked ? [picked.lat, picked.lng] : null} onChange={onPin} label={t('alerts.map')} radius={where === 'point' ? Number(radius) : undefined} />
            </Suspense>
          )}
        </ClientOnly>
        <SelectField
          name="district"
          label={t('alerts.district')}
          error={errors?.district}
          defaultValue={valueOf(values, 'district', district ? String(district) : '')}
          options={[{ value: '', label: t('alerts.chooseDistrictOption') }, ...districts.map((d) => ({ value: String(d.id), label: localName(locale, d) }))]}
        />
        <Field name="address" label={t('alerts.address')} hint={t('alerts.addressHint')} error={errors?.address} defaultValue={valueOf(values, 'address')} autoComplete="street-address" maxLength={200} />
        <SelectField name="radius" label={t('alerts.radius')} error={errors?.radius} defaultValue={radius} options={alertRadii.map((m) => ({ value: String(m), label: t('alerts.radiusOption', { metres: m }) }))} />
        {signedIn ? (
          <p className="muted">{t('alerts.signInHint')}</p>
        ) : (
          <Field name="email" type="email" autoComplete="email" label={t('alerts.email')} hint={t('alerts.emailHint')} error={errors?.email} defaultValue={valueOf(values, 'email')} />
        )}
        <button type="submit" className="button">{t('alerts.subscribe')}</button>
      </Form>
      {signedIn ? <p><Link to="/me/alerts">{t('page.myAlerts')}</Link></p> : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
