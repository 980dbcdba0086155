import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { lazy, Suspense, useCallback, useState } from 'react';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { addressById, listCategories, searchAddresses, type AddressMatch } from '#app/modules/city/index.server';
import { photoUpload } from '#app/modules/reports/photos.server';
import type { NearbyReport } from '#app/modules/reports/queries.server';
import { addressSearchSchema, reportSchema } from '#app/modules/reports/schemas';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Field, TextAreaField, valueOf } from '#app/components/forms/Field';
import { AddressCombobox } from '#app/components/forms/AddressCombobox';
import { ClientOnly } from '#app/components/map/ClientOnly';
import { ReportDrafts, useOfflineDrafts } from '#app/components/reports/ReportDrafts';
import { invalid, readUploadForm, tooMany } from '#app/utils/action.server';
import { consumeLimit, limitReached } from '#app/utils/rate-limit.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { clientIp } from '#app/utils/request.server';
import { getTranslator } from '#app/utils/locale.server';
import { formatCityDateTime } from '#app/utils/city-time.server';
import { formValues, parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { useFormat, useRootData, useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

const PinMap = lazy(() => import('#app/components/map/PinMap.client'));

export const handle = { title: 'page.reportNew', messages: [reportsMessages] } satisfies PageHandle;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { categories: await listCategories() };
}

export const headers = formRouteHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Over the limit already: refused before its photos are read. A valid submission is counted below.
  const who = { ip: clientIp(context), userId: user.id };
  const over = await limitReached('report', who);
  if (over !== null) return tooMany(over, (await getTranslator(request)).t);
  const read = await readUploadForm(request, photoUpload);
  if (read.tooLarge) return read.tooLarge;
  const { formData, t, locale } = read;
  // The address registry places the report without the map (ADR 050): "Find" lists matches; a chosen one fills the place.
  const search = parseForm(addressSearchSchema, formData, t);
  if (!search.ok) return invalid(search.errors, formValues(formData));
  const { addressQuery, addressId } = search.data;
  if (formData.get('intent') === 'find-address' && addressQuery !== undefined) {
    if (addressQuery.length < 2) return invalid({ addressQuery: t('reports.addressTooShort') }, formValues(formData));
    return { errors: {} as Record<string, string>, values: formValues(formData), addressMatches: await searchAddresses(addressQuery) };
  }
  if (addressId !== undefined) {
    const chosen = await addressById(addressId);
    if (!chosen) return invalid({ addressQuery: t('reports.chooseAddress') }, formValues(formData));
    formData.set('lat', chosen.lat.toFixed(6));
    formData.set('lng', chosen.lng.toFixed(6));
    formData.set('address', locale === 'ru' ? chosen.fullRu : chosen.fullEn);
  }
  const parsed = parseForm(reportSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const wait = await consumeLimit('report', who);
  if (wait !== null) return tooMany(wait, t, formValues(formData));
  const files = formData.getAll('photos').filter((f): f is File => f instanceof File);
  const result = await submitReport(user.id, parsed.data, files);
  const values = formValues(formData);
  if (result.ok) return redirect(`/reports/${result.value.reportId}?submitted=1`);
  const e = result.errors;
  switch (e.kind) {
    case 'category':
      return invalid({ categoryId: t('reports.unknownCategory') }, values);
    case 'outside-city':
      return invalid({ lat: t('reports.outsideCity') }, values);
    case 'daily-limit':
      return invalid({ form: t('reports.dailyLimit', { limit: e.limit, time: formatCityDateTime(e.resetsAt, locale) }) }, values);
    case 'photos':
      return invalid({ photos: t(e.error.key, e.error.params) }, values);
    case 'nearby':
      return data({ errors: {} as Record<string, string>, values, nearby: e.nearby }, { status: 409 });
  }
}

export default function NewReport() {
  const { categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const root = useRootData();
  const { t, locale } = useT();
  const { distance } = useFormat();
  const values = actionData?.values;
  // Filed while offline: kept on the device and sent when the connection returns (ADR 049).
  const { onSubmit: keepOffline, ...drafts } = useOfflineDrafts();
  // The two text fields are the form's truth; the map only writes into them.
  const [lat, setLat] = useState(() => valueOf(values, 'lat'));
  const [lng, setLng] = useState(() => valueOf(values, 'lng'));
  const pin: [number, number] | null = lat && lng && Number.isFinite(Number(lat)) && Number.isFinite(Number(lng)) ? [Number(lat), Number(lng)] : null;
  const onPin = useCallback((p: [number, number]) => {
    setLat(p[0].toFixed(6));
    setLng(p[1].toFixed(6));
  }, []);
  const labels = {
    form: t('page.reportNew'),
    lat: t('reports.latitude'),
    lng: t('reports.longitude'),
    address: t('reports.address'),
    addressQuery: t('reports.addressQuery'),
    categoryId: t('reports.category'),
    description: t('reports.description'),
    photos: t('reports.photos'),
  };
  // Typing in the search box narrows the list (with JavaScript; without it the full grouped list is there).
  const [categoryQuery, setCategoryQuery] = useState('');
  const matches = (c: (typeof categories)[number]) => {
    const q = categoryQuery.trim().toLowerCase();
    return !q || [c.nameRu, c.nameEn, c.groupRu, c.groupEn].some((v) => v.toLowerCase().includes(q));
  };
  const groups = new Map<string, typeof categories>();
  for (const c of categories.filter(matches)) {
    const g = locale === 'ru' ? c.groupRu : c.groupEn;
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const nearby = actionData && 'nearby' in actionData ? (actionData.nearby as NearbyReport[]) : null;
  const addressMatches = actionData && 'addressMatches' in actionData ? (actionData.addressMatches as AddressMatch[]) : null;
  const [address, setAddress] = useState(() => valueOf(values, 'address'));
  const chooseAddress = (a: AddressMatch) => {
    onPin([a.lat, a.lng]);
    setAddress(locale === 'ru' ? a.fullRu : a.fullEn);
  };
  // The best match is chosen when a list comes (as the form sends it without JavaScript), and the fields show it.
  const firstMatch = addressMatches?.[0] ?? null;
  const [shownMatch, setShownMatch] = useState<number | null>(null);
  if (firstMatch && firstMatch.id !== shownMatch) {
    setShownMatch(firstMatch.id);
    chooseAddress(firstMatch);
  }
  const useMyLocation = () => navigator.geolocation?.getCurrentPosition((pos) => onPin([pos.coords.latitude, pos.coords.longitude]));
  return (
    <div>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.reportNew')}</h1>
      <ReportDrafts {...drafts} />
      {nearby ? (
        <section className="warning" aria-labelledby="nearby-title">
          <h2 id="nearby-title">{t('reports.nearbyTitle')}</h2>
          <p>{t('reports.nearbyText', { distance: distance(50) })}</p>
          <ul>
            {nearby.map((n) => (
              <li key={n.id}>
                <Link to={`/reports/${n.id}`}>{t('reports.number', { id: n.id })}</Link> — {n.address} ({distance(n.metres)}){' '}
                <InlineAction action={`/reports/${n.id}`} intent="follow" label={t('reports.follow')} about={String(n.id)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate className="form" onSubmit={keepOffline}>
        <CsrfInput />
        {nearby ? <input type="hidden" name="confirmNew" value="yes" /> : null}
        <fieldset className="card">
          <legend>{t('reports.findByAddress')}</legend>
          {/* With JavaScript a combobox that searches as one types; without it (and before hydration) "Find" and radio choices (ADR 057). */}
          <ClientOnly
            fallback={
              <>
              <p className="field__hint" id="address-search-hint">{t('reports.findByAddressHint')}</p>
              <Field name="addressQuery" type="search" label={labels.addressQuery} error={actionData?.errors.addressQuery} defaultValue={valueOf(values, 'addressQuery')} autoComplete="street-address" />
              <button type="submit" name="intent" value="find-address" className="button button--secondary" formNoValidate>{t('reports.findAddress')}</button>
              {addressMatches ? (
                addressMatches.length === 0 ? (
                  <p role="status">{t('reports.noAddressFound')}</p>
                ) : (
                  <fieldset className="field" aria-describedby="address-found">
                    <legend>{t('reports.addressMatches')}</legend>
                    <p className="muted" id="address-found" role="status">{t('reports.addressFound', { n: addressMatches.length })}</p>
                    {addressMatches.map((a, i) => (
                      <label key={a.id} className="checkbox">
                        <input type="radio" name="addressId" value={a.id} defaultChecked={i === 0} onChange={() => chooseAddress(a)} /> {locale === 'ru' ? a.fullRu : a.fullEn}
                      </label>
                    ))}
                  </fieldset>
                )
              ) : null}
              </>
            }
          >
            {() => <AddressCombobox label={labels.addressQuery} onChoose={chooseAddress} />}
          </ClientOnly>
        </fieldset>
        <p className="field__hint" id="map-hint">{t('reports.mapHint')}</p>
        <ClientOnly>
          {() => (
            <Suspense fallback={null}>
              <PinMap tileUrl={root?.env.MAP_TILE_URL ?? ''} center={[55.75, 37.62]} value={pin} onChange={onPin} label={t('reports.map')} />
              <p>
                <button type="button" className="button button--secondary" onClick={useMyLocation}>{t('reports.useMyLocation')}</button>
              </p>
            </Suspense>
          )}
        </ClientOnly>
        <div className="row">
          <Field name="lat" type="text" inputMode="decimal" label={labels.lat} error={actionData?.errors.lat} value={lat} onChange={(e) => setLat(e.target.value)} />
          <Field name="lng" type="text" inputMode="decimal" label={labels.lng} error={actionData?.errors.lng} value={lng} onChange={(e) => setLng(e.target.value)} />
        </div>
        <Field name="address" type="text" label={labels.address} error={actionData?.errors.address} value={address} onChange={(e) => setAddress(e.target.value)} />
        <ClientOnly>
          {() => (
            <div className="field">
              <label htmlFor="category-search">{t('reports.categorySearch')}</label>
              <input id="category-search" type="search" value={categoryQuery} onChange={(e) => setCategoryQuery(e.target.value)} aria-controls="field-categoryId" />
            </div>
          )}
        </ClientOnly>
        <div className={actionData?.errors.categoryId ? 'field field--error' : 'field'}>
          <label htmlFor="field-categoryId">{labels.categoryId}</label>
          {actionData?.errors.categoryId ? <span className="field__error" id="field-categoryId-error">{actionData.errors.categoryId}</span> : null}
          <select id="field-categoryId" name="categoryId" defaultValue={valueOf(values, 'categoryId')} aria-invalid={actionData?.errors.categoryId ? true : undefined} aria-describedby={actionData?.errors.categoryId ? 'field-categoryId-error' : undefined}>
            <option value="">{t('reports.categoryPick')}</option>
            {[...groups].map(([group, items]) => (
              <optgroup key={group} label={group}>
                {items.map((c) => (
                  <option key={c.id} value={c.id}>{localName(locale, c)}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <TextAreaField name="description" rows={5} label={labels.description} hint={t('reports.descriptionHint')} error={actionData?.errors.description} defaultValue={valueOf(values, 'description')} />
        <Field name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" label={labels.photos} hint={t('reports.photosHint')} error={actionData?.errors.photos} />
        <button type="submit" className="button">{nearby ? t('reports.fileAnyway') : t('reports.send')}</button>
      </Form>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
