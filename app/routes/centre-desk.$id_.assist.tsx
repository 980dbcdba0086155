import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { findResidents, residentRecord } from '#app/modules/accounts/index.server';
import { listCategories, listDistricts } from '#app/modules/city/index.server';
import { listProjects } from '#app/modules/ideas/index.server';
import { listBallots } from '#app/modules/votes/index.server';
import { centreById } from '#app/modules/centres/queries.server';
import { fileReportFor, proposeIdeaFor, registerResident, reissueCode, supportIdeaFor, verifyResidentInPerson, type AtDesk } from '#app/modules/centres/assist.server';
import { boothMinutes, boothSessionsAt, closeBooth, openBooth } from '#app/modules/centres/booth.server';
import { accessCodeDays } from '#app/modules/accounts/assisted-accounts.server';
import {
  assistedIdeaSchema,
  assistedReportSchema,
  assistedSupportSchema,
  documentKinds,
  openBoothSchema,
  registerResidentSchema,
  reissueCodeSchema,
  residentSearchSchema,
  verifyInPersonSchema,
} from '#app/modules/centres/assist-schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { reportsMessages } from '#app/modules/reports/messages';
import { ideasMessages } from '#app/modules/ideas/messages';
import { votesMessages } from '#app/modules/votes/messages';
import { accountsMessages } from '#app/modules/accounts/messages';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { CheckboxesField, Field, SelectField, TextAreaField, valueOf } from '#app/components/forms/Field';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm, type FieldErrors } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { idParam, serialMax } from '#app/utils/route-params';
import { searchParamsOf } from '#app/utils/search-params.server';
import { useDateTime, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.centreAssist', messages: [centresMessages, accountsMessages, reportsMessages, ideasMessages, votesMessages] } satisfies PageHandle;

const actions = ['verify', 'report', 'idea', 'support', 'booth'] as const;
const actionTitles = { verify: 'assist.verifyTitle', report: 'assist.reportTitle', idea: 'assist.ideaTitle', support: 'assist.supportTitle', booth: 'assist.boothTitle' } as const;
type Doing = (typeof actions)[number] | 'register' | null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  await requirePermission(request, 'centres.assist', { centreId: id });
  const centre = await centreById(id);
  if (!centre) throw new Response('Not found', { status: 404 });
  const { q, person: personId } = await searchParamsOf(request, residentSearchSchema);
  const doParam = new URL(request.url).searchParams.get('do');
  const doing: Doing = doParam === 'register' || actions.includes(doParam as never) ? (doParam as Doing) : null;
  const [found, person, districts, categories, projects, ballots, booths] = await Promise.all([
    q ? findResidents(q) : [],
    personId ? residentRecord(personId) : null,
    listDistricts(),
    doing === 'report' ? listCategories() : [],
    doing === 'idea' ? listProjects() : [],
    doing === 'booth' ? listBallots(['open']) : [],
    boothSessionsAt(id),
  ]);
  return {
    centre: { id, nameRu: centre.nameRu, nameEn: centre.nameEn, latitude: centre.latitude, longitude: centre.longitude, districtId: centre.districtId },
    q: q ?? '',
    found,
    person: person && !person.blockedAt ? person : null,
    doing,
    districts: districts.map((d) => ({ id: d.id, nameRu: d.nameRu, nameEn: d.nameEn })),
    categories: categories.map((c) => ({ id: c.id, nameRu: c.nameRu, nameEn: c.nameEn })),
    projects: projects.filter((p) => p.stage === 'collecting').map((p) => ({ id: p.id, titleRu: p.titleRu, titleEn: p.titleEn })),
    ballots: ballots.filter((b) => b.opensAt && b.closesAt && b.opensAt.getTime() <= Date.now() && b.closesAt.getTime() > Date.now()).map((b) => ({ id: b.id, titleRu: b.titleRu, titleEn: b.titleEn })),
    booths,
    boothMinutes,
    accessCodeDays,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const user = await requirePermission(request, 'centres.assist', { centreId: id });
  if (!(await centreById(id))) throw new Response('Not found', { status: 404 });
  const { formData, t, locale } = await readForm(request);
  const at: AtDesk = { consultantId: user.id, centreId: id, consentAt: new Date() };
  const values = formValues(formData);
  const back = (personId: string, done: string, n?: string | number) => redirect(`/centre-desk/${id}/assist?${new URLSearchParams({ person: personId, done, ...(n === undefined ? {} : { n: String(n) }) })}`);
  switch (formData.get('intent')) {
    case 'register': {
      const parsed = parseForm(registerResidentSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await registerResident(at, parsed.data, locale);
      if (!result.ok) return invalid(translateErrors(result.errors, t), values);
      // The code is shown once, in this answer: it is stored only as its hash, so no redirect could show it again.
      return data({ code: result.value.code, name: parsed.data.name, person: result.value.userId, errors: undefined, values: undefined }, { headers: { 'Cache-Control': 'no-store' } });
    }
    case 'code': {
      const parsed = parseForm(reissueCodeSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await reissueCode(at, parsed.data.userId);
      if (!result.ok) return invalid(translateErrors(result.errors, t), values);
      const person = await residentRecord(parsed.data.userId);
      return data({ code: result.value.code, name: person?.name ?? '', person: parsed.data.userId, errors: undefined, values: undefined }, { headers: { 'Cache-Control': 'no-store' } });
    }
    case 'verify': {
      const parsed = parseForm(verifyInPersonSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await verifyResidentInPerson(at, parsed.data);
      if (!result.ok) return invalid(translateErrors(result.errors, t), values);
      return back(parsed.data.userId, 'verified');
    }
    case 'report': {
      const parsed = parseForm(assistedReportSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await fileReportFor(at, parsed.data);
      if (result.ok) return back(parsed.data.userId, 'report', result.value.reportId);
      const e = result.errors;
      const errors: FieldErrors =
        e.kind === 'resident'
          ? { userId: t('assist.noResident') }
          : e.kind === 'category'
            ? { categoryId: t('errors.choice') }
            : e.kind === 'outside-city'
              ? { lat: t('reports.outsideCity') }
              : e.kind === 'nearby'
                ? { confirmNew: t('assist.nearby', { ids: e.nearby.map((n) => n.id).join(', №') }) }
                : e.kind === 'daily-limit'
                  ? { description: t('reports.dailyLimit', { limit: e.limit, time: e.resetsAt.toISOString().slice(11, 16) }) }
                  : { description: t('errors.invalid') };
      return invalid(errors, values);
    }
    case 'idea': {
      const parsed = parseForm(assistedIdeaSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await proposeIdeaFor(at, parsed.data);
      if (result.ok) return back(parsed.data.userId, 'idea', result.value.ideaId);
      const e = result.errors;
      const errors: FieldErrors =
        e.kind === 'resident'
          ? { userId: t('assist.noResident') }
          : e.kind === 'similar'
            ? { confirmNew: t('assist.similar', { ids: e.similar.map((s) => s.id).join(', №') }) }
            : e.kind === 'audience'
              ? { projectId: t('ideas.outsideAudience') }
              : e.kind === 'stage'
                ? { projectId: t('ideas.stageNoSupports') }
                : { projectId: t('errors.choice') };
      return invalid(errors, values);
    }
    case 'support': {
      const parsed = parseForm(assistedSupportSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await supportIdeaFor(at, parsed.data);
      if (!result.ok) return invalid('userId' in result.errors ? translateErrors(result.errors, t) : { ideaId: t(result.errors.form!) }, values);
      return back(parsed.data.userId, 'supported');
    }
    case 'booth': {
      const parsed = parseForm(openBoothSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await openBooth(at, parsed.data.userId, parsed.data.ballotId);
      if (!result.ok) return invalid(translateErrors(result.errors, t), values);
      return back(parsed.data.userId, 'booth', result.value.sessionId);
    }
    case 'close-booth': {
      const sessionId = String(formData.get('sessionId') ?? '');
      if (!/^[0-9a-f-]{36}$/.test(sessionId)) return invalid({ sessionId: t('errors.invalid') });
      await closeBooth(at, sessionId);
      return redirect(`/centre-desk/${id}/assist`);
    }
    default:
      return invalid({ intent: t('errors.choice') });
  }
}

const tones = { true: 'success', false: 'warning' } as const;

export default function CentreAssist() {
  const { centre, q, found, person, doing, districts, categories, projects, ballots, booths, boothMinutes, accessCodeDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const dateTime = useDateTime();
  const ru = locale === 'ru';
  const errors = actionData?.errors;
  const values = actionData?.values ?? undefined;
  const code = actionData && 'code' in actionData ? actionData : null;
  const done = params.get('done');
  const n = params.get('n') ?? '';
  const personLink = (p: string, d?: string) => `/centre-desk/${centre.id}/assist?${new URLSearchParams({ person: p, ...(d ? { do: d } : {}) })}`;
  const labels: Record<string, string> = {
    userId: t('assist.find'),
    name: t('field.name'),
    phone: t('assist.phone'),
    documentKind: t('assist.documentKind'),
    districtId: t('field.district'),
    birthYear: t('field.birthYear'),
    categoryId: t('reports.category'),
    address: t('reports.address'),
    lat: t('reports.latitude'),
    lng: t('reports.longitude'),
    description: t('reports.description'),
    projectId: t('assist.project'),
    title: t('ideas.title'),
    body: t('ideas.body'),
    tags: t('ideas.tags'),
    ideaId: t('assist.ideaNumber'),
    ballotId: t('assist.ballot'),
    confirmNew: t('assist.fileAnyway'),
    consent: t('assist.consent'),
  };
  const districtOptions = [{ value: '', label: t('field.districtNone') }, ...districts.map((d) => ({ value: String(d.id), label: localName(locale, d) }))];
  const consentBox = <CheckboxesField name="consent" label={t('assist.consent')} error={errors?.consent} options={[{ value: 'yes', label: t('assist.consent') }]} checked={[]} />;
  const doneText: Record<string, string> = {
    verified: t('assist.verifiedNotice'),
    report: t('assist.reportFiled', { id: n }),
    idea: t('assist.ideaProposed', { id: n }),
    supported: t('assist.supported'),
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} ids={{ userId: 'field-q', consent: 'field-consent' }} />
      <h1>{t('assist.title', { centre: ru ? centre.nameRu : centre.nameEn })}</h1>
      <p>{t('assist.intro')}</p>
      <p>
        <Link to={`/centre-desk/${centre.id}`}>{t('assist.backToDesk')}</Link>
      </p>
      {done && doneText[done] ? (
        <p className="notice" role="status">
          {doneText[done]}
        </p>
      ) : null}
      {done === 'booth' ? (
        <p className="notice" role="status">
          {t('assist.boothOpened', { minutes: boothMinutes })} <Link to={`/centre-booth/${n}`}>{t('assist.boothLink')}</Link>
        </p>
      ) : null}
      {code ? (
        <section className="notice" aria-labelledby="code-title" data-testid="access-code">
          <h2 id="code-title">{t('assist.codeTitle', { name: code.name })}</h2>
          <p className="code-slip">
            <strong>{code.code}</strong>
          </p>
          <p>{t('assist.codeHint', { days: accessCodeDays })}</p>
          <p>
            <Link to={personLink(code.person)}>{t('assist.serve')}</Link>
          </p>
        </section>
      ) : null}

      <h2>{t('assist.find')}</h2>
      <Form method="get" className="row" role="search">
        <Field name="q" type="search" label={t('assist.search')} defaultValue={q} />
        <div className="field">
          <button type="submit" className="button button--secondary">
            {t('assist.searchButton')}
          </button>
        </div>
      </Form>
      {q && found.length === 0 ? <p className="empty-state">{t('assist.noneFound')}</p> : null}
      {found.length ? (
        <ul className="list-plain">
          {found.map((p) => (
            <li key={p.id}>
              <Link to={personLink(p.id)}>{p.name}</Link> <span className="muted">{[p.email ?? t('assist.noEmail'), p.phone].filter(Boolean).join(' · ')}</span>{' '}
              <Badge tone={tones[String(p.verified) as 'true' | 'false']}>{p.verified ? t('status.verified') : t('status.unverified')}</Badge>
            </li>
          ))}
        </ul>
      ) : null}

      {person ? (
        <section aria-labelledby="person-title">
          <h2 id="person-title">{t('assist.residentTitle', { name: person.name })}</h2>
          <p>
            <span className="muted">{[person.email ?? t('assist.noEmail'), person.phone].filter(Boolean).join(' · ')}</span>{' '}
            <Badge tone={tones[String(person.verified) as 'true' | 'false']}>{person.verified ? t('status.verified') : t('status.unverified')}</Badge>
          </p>
          <nav aria-label={t('assist.residentTitle', { name: person.name })}>
            <ul className="row list-plain">
              {actions.map((a) => (
                <li key={a}>
                  <Link to={personLink(person.id, a)} aria-current={doing === a ? 'page' : undefined}>
                    {t(actionTitles[a])}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="userId" value={person.id} />
            {doing === 'verify' ? (
              <>
                <h3>{t('assist.verifyTitle')}</h3>
                <SelectField name="documentKind" label={labels.documentKind!} error={errors?.documentKind} defaultValue={valueOf(values, 'documentKind')} options={[{ value: '', label: '—' }, ...documentKinds.map((k) => ({ value: k, label: t(`assist.document.${k}`) }))]} />
                <SelectField name="districtId" label={labels.districtId!} error={errors?.districtId} defaultValue={valueOf(values, 'districtId', String(person.districtId ?? ''))} options={districtOptions} />
                <Field name="birthYear" label={labels.birthYear!} inputMode="numeric" error={errors?.birthYear} defaultValue={valueOf(values, 'birthYear', String(person.birthYear ?? ''))} />
                {consentBox}
                <button type="submit" name="intent" value="verify" className="button">
                  {t('assist.verifyButton')}
                </button>
              </>
            ) : doing === 'report' ? (
              <>
                <h3>{t('assist.reportTitle')}</h3>
                <SelectField name="categoryId" label={labels.categoryId!} error={errors?.categoryId} defaultValue={valueOf(values, 'categoryId')} options={[{ value: '', label: '—' }, ...categories.map((c) => ({ value: String(c.id), label: ru ? c.nameRu : c.nameEn }))]} />
                <Field name="address" label={labels.address!} error={errors?.address} defaultValue={valueOf(values, 'address')} />
                <div className="row">
                  <Field name="lat" label={labels.lat!} hint={t('assist.pointHint')} inputMode="decimal" error={errors?.lat} defaultValue={valueOf(values, 'lat', centre.latitude.toFixed(6))} />
                  <Field name="lng" label={labels.lng!} inputMode="decimal" error={errors?.lng} defaultValue={valueOf(values, 'lng', centre.longitude.toFixed(6))} />
                </div>
                <TextAreaField name="description" label={labels.description!} rows={4} error={errors?.description} defaultValue={valueOf(values, 'description')} />
                {errors?.confirmNew ? <CheckboxesField name="confirmNew" label={labels.confirmNew!} error={errors.confirmNew} options={[{ value: 'yes', label: t('assist.fileAnyway') }]} checked={[]} /> : null}
                {consentBox}
                <button type="submit" name="intent" value="report" className="button">
                  {t('assist.reportButton')}
                </button>
              </>
            ) : doing === 'idea' ? (
              <>
                <h3>{t('assist.ideaTitle')}</h3>
                <SelectField name="projectId" label={labels.projectId!} error={errors?.projectId} defaultValue={valueOf(values, 'projectId')} options={[{ value: '', label: '—' }, ...projects.map((p) => ({ value: String(p.id), label: ru ? p.titleRu : p.titleEn }))]} />
                <Field name="title" label={labels.title!} error={errors?.title} defaultValue={valueOf(values, 'title')} />
                <TextAreaField name="body" label={labels.body!} rows={5} error={errors?.body} defaultValue={valueOf(values, 'body')} />
                {errors?.confirmNew ? <CheckboxesField name="confirmNew" label={t('assist.proposeAnyway')} error={errors.confirmNew} options={[{ value: 'yes', label: t('assist.proposeAnyway') }]} checked={[]} /> : null}
                {consentBox}
                <button type="submit" name="intent" value="idea" className="button">
                  {t('assist.ideaButton')}
                </button>
              </>
            ) : doing === 'support' ? (
              <>
                <h3>{t('assist.supportTitle')}</h3>
                <Field name="ideaId" label={labels.ideaId!} inputMode="numeric" error={errors?.ideaId} defaultValue={valueOf(values, 'ideaId')} />
                {consentBox}
                <button type="submit" name="intent" value="support" className="button">
                  {t('assist.supportButton')}
                </button>
              </>
            ) : doing === 'booth' ? (
              <>
                <h3>{t('assist.boothTitle')}</h3>
                {ballots.length === 0 ? <p className="empty-state">{t('assist.noBallots')}</p> : null}
                <SelectField name="ballotId" label={labels.ballotId!} error={errors?.ballotId} defaultValue={valueOf(values, 'ballotId')} options={[{ value: '', label: '—' }, ...ballots.map((b) => ({ value: String(b.id), label: ru ? b.titleRu : b.titleEn }))]} />
                {consentBox}
                <button type="submit" name="intent" value="booth" className="button">
                  {t('assist.boothButton')}
                </button>
              </>
            ) : (
              <>
                {consentBox}
                <button type="submit" name="intent" value="code" className="button button--secondary">
                  {t('assist.newCode')}
                </button>
              </>
            )}
          </Form>
        </section>
      ) : (
        <section aria-labelledby="register-title">
          <h2 id="register-title">{t('assist.register')}</h2>
          <p className="muted">{t('assist.registerHint')}</p>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <Field name="name" label={labels.name!} autoComplete="off" error={errors?.name} defaultValue={valueOf(values, 'name')} />
            <Field name="phone" label={labels.phone!} type="tel" autoComplete="off" error={errors?.phone} defaultValue={valueOf(values, 'phone')} />
            <SelectField name="districtId" label={labels.districtId!} error={errors?.districtId} defaultValue={valueOf(values, 'districtId', String(centre.districtId ?? ''))} options={districtOptions} />
            <Field name="birthYear" label={labels.birthYear!} inputMode="numeric" error={errors?.birthYear} defaultValue={valueOf(values, 'birthYear')} />
            {consentBox}
            <button type="submit" name="intent" value="register" className="button">
              {t('assist.registerButton')}
            </button>
          </Form>
        </section>
      )}

      <h2>{t('assist.boothSessions')}</h2>
      {booths.length === 0 ? <p className="empty-state">{t('assist.noBooths')}</p> : null}
      <ul className="list-plain" data-testid="booth-sessions">
        {booths.map((b) => (
          <li key={b.id}>
            {b.resident} — {ru ? b.ballotRu : b.ballotEn}: {b.endedAt ? t(`assist.boothState.${b.endedBecause ?? 'closed'}`) : t('assist.boothState.open', { time: dateTime(b.expiresAt) })}
            {b.endedAt ? null : (
              <>
                {' '}
                <InlineAction intent="close-booth" fields={{ sessionId: b.id }} label={t('assist.closeBooth')} about={b.resident} />
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
