import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { answerSection, whyNotAnswer } from '#app/modules/surveys/answer-survey.server';
import { nextSection, pathOf, previousSection, scaleRange } from '#app/modules/surveys/logic';
import { draftAnswers, getSurvey, hasAnswered, isOpen } from '#app/modules/surveys/queries.server';
import type { AnswerValue, Question } from '#app/modules/surveys/schemas';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { invalid, readUploadForm, tooMany } from '#app/utils/action.server';
import { formEntries, formValues, translateMessage, type FieldErrors } from '#app/utils/forms';
import type { Translate } from '#app/utils/i18n';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { idParam, serialMax } from '#app/utils/route-params';
import { formRouteHeaders } from '#app/utils/route-headers';
import { useDateTime, useRootData, useT } from '#app/utils/use-app';
import { ClientOnly } from '#app/components/map/ClientOnly';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { lazy, Suspense, useCallback, useState } from 'react';
import { surveysMessages } from '#app/modules/surveys/messages';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

const PinMap = lazy(() => import('#app/components/map/PinMap.client'));
// Leaflet's styles for the point question's map (harmless on a page without one).
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletCss }];

export const handle = { title: 'surveys.title', messages: [surveysMessages, votesMessages] } satisfies PageHandle;
export const headers = formRouteHeaders;

const sectionParam = (url: string) => {
  const section = new URL(url).searchParams.get('section');
  return section && /^s\d{1,4}$/.test(section) ? section : null;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const [survey, user] = await Promise.all([getSurvey(id), getCurrentUser(request)]);
  if (!survey || survey.status !== 'published') throw new Response('Not found', { status: 404 });
  const [why, answered] = user ? await Promise.all([whyNotAnswer(survey, user.id), hasAnswered(id, user.id)]) : [null, false];
  const answers = user && !why ? ((await draftAnswers(id, user.id)) ?? {}) : {};
  const path = pathOf(survey.definition, answers);
  const wanted = sectionParam(request.url);
  // A page off the person's path shows the survey's first screen (never a redirect: after a refused post the
  // loader runs too, and a redirect would hide the refusal).
  const section = !why && user && wanted ? (path.sections.find((s) => s.id === wanted) ?? null) : null;
  const back = section ? previousSection(survey.definition, answers, section.id) : null;
  const { definition, createdBy: _c, ...about } = survey;
  return {
    survey: { ...about, sectionCount: definition.sections.length, first: definition.sections[0]?.id ?? null },
    open: isOpen(survey),
    signedIn: !!user,
    why,
    answered,
    section: section ? { ...section, questions: section.questions.filter((q) => path.visible.has(q.id)), index: path.sections.indexOf(section) + 1 } : null,
    back: back?.id ?? null,
    // The last page sends; a page with jumps may still lead on, so it says continue.
    last: !!section && !section.jumps.length && !nextSection(survey.definition, answers, section.id),
    answers: section ? Object.fromEntries(section.questions.map((q) => [q.id, answers[q.id]])) : {},
    sent: new URL(request.url).searchParams.get('sent'),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const sectionId = sectionParam(request.url);
  const user = await requireUser(request);
  const survey = await getSurvey(id);
  if (!survey || survey.status !== 'published' || !sectionId) throw new Response('Not found', { status: 404 });
  const wait = await consumeLimit('survey-page', { ip: clientIp(context), userId: user.id });
  const photoQuestion = survey.definition.sections.find((s) => s.id === sectionId)?.questions.find((q) => q.kind === 'photo');
  // Only a page with a photo question takes a file, and then one.
  const read = await readUploadForm(request, { field: photoQuestion?.id ?? 'photo', maxFiles: photoQuestion ? 1 : 0, maxFileBytes: 10 * 1024 * 1024, maxFields: 400 });
  if (read.tooLarge) return read.tooLarge;
  const { formData, t } = read;
  if (wait !== null) return tooMany(wait, t, formValues(formData));
  const entries = formEntries(formData);
  const get = (name: string) => (entries.get(name) ?? []).filter((v): v is string => typeof v === 'string');
  const file = photoQuestion ? (entries.get(photoQuestion.id) ?? []).find((v): v is File => typeof v !== 'string') ?? null : null;
  const result = await answerSection(user.id, id, sectionId, get, file);
  if (!result.ok) return invalid(translate(result.errors, t), formValues(formData));
  if ('next' in result.value) return redirect(`/surveys/${id}?section=${result.value.next}`);
  return redirect(`/surveys/${id}?sent=${result.value.edited ? 'edited' : 'new'}`);
}

/** Error messages (keys, some with parameters from the shared zod primitives) in the reader's language. */
function translate(errors: Partial<Record<string, string>>, t: Translate): FieldErrors {
  return Object.fromEntries(Object.entries(errors).flatMap(([field, message]) => (message ? [[field, translateMessage(message, t)]] : [])));
}

/** The form fields a stored answer fills in (the same names the page posts). */
function fieldsOf(q: Question, v: AnswerValue | undefined): Record<string, string | string[]> {
  if (v === undefined) return {};
  switch (q.kind) {
    case 'multiple': {
      const m = v as { choices: string[]; other?: string };
      return { [q.id]: [...m.choices, ...(m.other ? ['other'] : [])], [`${q.id}.other`]: m.other ?? '' };
    }
    case 'ranking':
      return Object.fromEntries((v as string[]).map((o, i) => [`${q.id}.${o}`, String(i + 1)]));
    case 'matrix':
      return Object.fromEntries(Object.entries(v as Record<string, number>).map(([r, n]) => [`${q.id}.${r}`, String(n)]));
    case 'point': {
      const p = v as { lat: number; lng: number };
      return { [`${q.id}.lat`]: String(p.lat), [`${q.id}.lng`]: String(p.lng) };
    }
    case 'photo':
      return { [`${q.id}.kept`]: String(v) };
    default:
      return { [q.id]: String(v) };
  }
}

export default function SurveyPage() {
  const dateTime = useDateTime();
  const { survey, open, signedIn, why, answered, section, back, last, answers, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const text = (l: { ru: string; en: string }) => (locale === 'ru' ? l.ru : l.en);
  const values: Record<string, string | string[]> = actionData?.values ?? Object.assign({}, ...(section?.questions ?? []).map((q) => fieldsOf(q, answers[q.id] as AnswerValue | undefined)));
  const value = (name: string) => [values[name] ?? []].flat();
  const errors = actionData?.errors;
  const labels = Object.fromEntries((section?.questions ?? []).map((q) => [q.id, text(q.text)]));
  const title = locale === 'ru' ? survey.titleRu : survey.titleEn;
  if (section) {
    return (
      <>
        <ErrorSummary errors={errors} labels={labels} />
        <p className="muted">{title} · {t('surveys.section', { n: section.index, total: survey.sectionCount })}</p>
        <h1>{text(section.title)}</h1>
        <Form method="post" action={`/surveys/${survey.id}?section=${section.id}`} encType="multipart/form-data" noValidate className="form">
          <CsrfInput />
          {section.questions.map((q) => (
            <QuestionField key={q.id} q={q} value={value} error={errors?.[q.id]} />
          ))}
          <p>
            <button type="submit" className="button">{last ? t('surveys.send') : t('surveys.next')}</button>{' '}
            {back ? <Link to={`/surveys/${survey.id}?section=${back}`}>{t('surveys.back')}</Link> : null}
          </p>
        </Form>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      <h1>{title}</h1>
      {sent ? <p className="notice" role="status" data-testid="survey-sent">{sent === 'edited' ? t('surveys.thanksEdited') : t('surveys.thanks')}</p> : null}
      <p className="report-text">{locale === 'ru' ? survey.descriptionRu : survey.descriptionEn}</p>
      <p className="muted">
        {dateTime(survey.opensAt!)} — {dateTime(survey.closesAt!)}
      </p>
      <ul>
        <li>{survey.anonymous ? t('surveys.anonymousNote') : t('surveys.identifiedNote')}</li>
        {survey.editable ? <li>{t('surveys.editableNote')}</li> : null}
        {survey.pointsReward > 0 ? <li>{t('surveys.points', { n: survey.pointsReward })}</li> : null}
      </ul>
      {!open ? (
        <p className="notice">{t('surveys.notOpen')}</p>
      ) : !signedIn ? (
        <p className="notice"><Link to={`/sign-in?redirectTo=/surveys/${survey.id}`}>{t('surveys.signIn')}</Link></p>
      ) : why === 'surveys.alreadyAnswered' ? (
        <p className="notice" role="status">{t('surveys.alreadyAnswered')}</p>
      ) : why ? (
        <p className="warning" data-testid="ineligible">{t('surveys.cannot')} {t(why)}</p>
      ) : survey.first ? (
        <p><Link className="button" to={`/surveys/${survey.id}?section=${survey.first}`}>{answered ? t('surveys.edit') : t('surveys.start')}</Link></p>
      ) : null}
    </>
  );
}

/** One question as the page asks it, by kind; ids and names as the error summary and the server expect. */
/**
 * A point on the map: with JavaScript a Leaflet map fills the latitude and longitude fields on a click (or a drag of
 * the pin); the fields stay the form's truth, so the question works without JavaScript and without map tiles.
 */
function PointAnswer({ id, name, lat: savedLat, lng: savedLng, label }: { id: string; name: string; lat: string; lng: string; label: string }) {
  const { t } = useT();
  const root = useRootData();
  const [lat, setLat] = useState(savedLat);
  const [lng, setLng] = useState(savedLng);
  const pin: [number, number] | null = lat && lng && Number.isFinite(Number(lat)) && Number.isFinite(Number(lng)) ? [Number(lat), Number(lng)] : null;
  const onPin = useCallback(([a, b]: [number, number]) => {
    setLat(a.toFixed(6));
    setLng(b.toFixed(6));
  }, []);
  return (
    <>
      <ClientOnly>
        {() => (
          <Suspense fallback={null}>
            <PinMap tileUrl={root?.env.MAP_TILE_URL ?? ''} center={[55.75, 37.62]} value={pin} onChange={onPin} label={t('surveys.pointMap', { question: label })} />
          </Suspense>
        )}
      </ClientOnly>
      <label htmlFor={`${id}-lat`}>{t('surveys.lat')}</label>
      <input id={`${id}-lat`} name={`${name}.lat`} type="text" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
      <label htmlFor={`${id}-lng`}>{t('surveys.lng')}</label>
      <input id={`${id}-lng`} name={`${name}.lng`} type="text" inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} />
    </>
  );
}

function QuestionField({ q, value, error }: { q: Question; value: (name: string) => string[]; error?: string }) {
  const { t, locale } = useT();
  const text = (l: { ru: string; en: string }) => (locale === 'ru' ? l.ru : l.en);
  const id = `field-${q.id}`;
  const help = q.help && text(q.help) ? text(q.help) : null;
  const describedBy = [help ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {text(q.text)} {q.required ? null : <span className="muted">{t('surveys.optional')}</span>}
    </>
  );
  const hintAndError = (
    <>
      {help ? <span className="field__hint" id={`${id}-hint`}>{help}</span> : null}
      {error ? <span className="field__error" id={`${id}-error`}>{error}</span> : null}
    </>
  );
  const one = (name: string) => value(name)[0] ?? '';
  const invalid = error ? true : undefined;
  const inFieldset = (children: React.ReactNode) => (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset id={id} aria-describedby={describedBy}>
        <legend>{label}</legend>
        {hintAndError}
        {children}
      </fieldset>
    </div>
  );
  const single = (children: React.ReactNode) => (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hintAndError}
      {children}
    </div>
  );
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return inFieldset(
        <>
          {(q.options ?? []).map((o) => (
            <label key={o.id} className="checkbox">
              <input type={q.kind === 'single' ? 'radio' : 'checkbox'} name={q.id} value={o.id} defaultChecked={value(q.id).includes(o.id)} /> {text(o.label)}
            </label>
          ))}
          {q.kind === 'multiple' && q.other ? (
            <>
              <label className="checkbox">
                <input type="checkbox" name={q.id} value="other" defaultChecked={value(q.id).includes('other')} /> {t('surveys.other')}
              </label>
              <label htmlFor={`${id}-other`}>{t('surveys.otherSay')}</label>
              <input id={`${id}-other`} name={`${q.id}.other`} type="text" maxLength={200} defaultValue={one(`${q.id}.other`)} />
            </>
          ) : null}
        </>,
      );
    case 'scale':
      return inFieldset(
        <div className="scale">
          {scaleRange(q).map((n, i, all) => (
            <label key={n} className="checkbox">
              <input type="radio" name={q.id} value={n} defaultChecked={one(q.id) === String(n)} /> {n}
              {i === 0 ? ` (${t('surveys.scaleLow')})` : i === all.length - 1 ? ` (${t('surveys.scaleHigh')})` : ''}
            </label>
          ))}
        </div>,
      );
    case 'short':
      return single(<input id={id} name={q.id} type="text" maxLength={200} defaultValue={one(q.id)} aria-invalid={invalid} aria-describedby={describedBy} />);
    case 'long':
      return single(<textarea id={id} name={q.id} rows={5} maxLength={4000} defaultValue={one(q.id)} aria-invalid={invalid} aria-describedby={describedBy} />);
    case 'number':
      return single(<input id={id} name={q.id} type="text" inputMode="numeric" defaultValue={one(q.id)} aria-invalid={invalid} aria-describedby={describedBy} />);
    case 'date':
      return single(<input id={id} name={q.id} type="date" defaultValue={one(q.id)} aria-invalid={invalid} aria-describedby={describedBy} />);
    case 'ranking':
      return inFieldset(
        <>
          <p className="muted">{t('surveys.rankHint')}</p>
          {(q.options ?? []).map((o) => (
            <p key={o.id}>
              <label htmlFor={`${id}-${o.id}`}>{t('surveys.place', { option: text(o.label) })}</label>{' '}
              <select id={`${id}-${o.id}`} name={`${q.id}.${o.id}`} defaultValue={one(`${q.id}.${o.id}`)}>
                <option value="">—</option>
                {(q.options ?? []).map((_, i) => (
                  <option key={i} value={i + 1}>{i + 1}</option>
                ))}
              </select>
            </p>
          ))}
        </>,
      );
    case 'matrix':
      return inFieldset(
        <>
          {(q.rows ?? []).map((r) => (
            <fieldset key={r.id} className="matrix-row">
              <legend>{text(r.label)}</legend>
              {scaleRange(q).map((n) => (
                <label key={n} className="checkbox">
                  <input type="radio" name={`${q.id}.${r.id}`} value={n} defaultChecked={one(`${q.id}.${r.id}`) === String(n)} /> {n}
                </label>
              ))}
            </fieldset>
          ))}
        </>,
      );
    case 'point':
      return inFieldset(
        <>
          <p className="muted">{t('surveys.pointHint')}</p>
          <PointAnswer id={id} name={q.id} lat={one(`${q.id}.lat`)} lng={one(`${q.id}.lng`)} label={text(q.text)} />
        </>,
      );
    case 'photo':
      return single(
        <>
          <span className="field__hint">{t('surveys.photoHint')}</span>
          {one(`${q.id}.kept`) ? (
            <>
              <input type="hidden" name={`${q.id}.kept`} value={one(`${q.id}.kept`)} />
              <span className="muted">{t('surveys.photoKept')}</span>
            </>
          ) : null}
          <input id={id} name={q.id} type="file" accept="image/jpeg,image/png,image/webp" aria-invalid={invalid} aria-describedby={describedBy} />
        </>,
      );
  }
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
