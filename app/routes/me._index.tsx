import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { addEmailSchema, changePasswordSchema, emailPreferencesSchema, profileSchema, signOutDeviceSchema } from '#app/modules/accounts/schemas';
import { addEmail } from '#app/modules/accounts/assisted-accounts.server';
import { changePassword } from '#app/modules/accounts/passwords.server';
import { listActiveSessions, revokeOtherSessions, revokeSessionByRef } from '#app/modules/accounts/sessions.server';
import { setEmailPreferences, updateProfile } from '#app/modules/accounts/update-profile.server';
import { listDistricts } from '#app/modules/city/queries.server';
import { CheckboxesField, Field, SelectField, valueOf } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { parseForm, formValues } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { useDateTime, useT } from '#app/utils/use-app';
import { cabinetSummary } from '#app/modules/accounts/cabinet.server';
import { ReportStatus } from '#app/components/ui/ReportStatus';
import { IdeaStatus } from '#app/components/ui/IdeaStatus';
import { emailTopicsOn } from '#app/modules/accounts/queries.server';
import { keptReceipts } from '#app/modules/votes/kept-receipts.server';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { accountsMessages } from '#app/modules/accounts/messages';
import { ideasMessages } from '#app/modules/ideas/messages';
import { initiativesMessages } from '#app/modules/initiatives/messages';
import { reportsMessages } from '#app/modules/reports/messages';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.cabinet', messages: [accountsMessages, ideasMessages, initiativesMessages, reportsMessages, votesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [districts, sessions, topicsOn, summary, kept] = await Promise.all([
    listDistricts(), listActiveSessions(user.id, user.sessionId), emailTopicsOn(user.id), cabinetSummary(user), keptReceipts(request, user.id),
  ]);
  // Receipts come from this browser's cookie only: the server keeps none with the account.
  const receipts = new Map(kept.map((k) => [k.ballotId, k.receipt]));
  const votedBallots = summary.votedBallots.map((b) => ({ ...b, keptReceipt: receipts.get(b.id) ?? null }));
  // What the page shows of the person, and nothing more: never the session id, which is the cookie's secret.
  const profile = { name: user.name, verified: user.verified, districtId: user.districtId, birthYear: user.birthYear, locale: user.locale, hasPassword: user.hasPassword, hasEmail: user.email !== null, roles: user.roles.map((g) => ({ id: g.id, role: g.role })) };
  return { user: profile, districts, sessions, summary, votedBallots, emailTopics: topicsOn };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  if (formData.get('intent') === 'password') {
    const parsed = parseForm(changePasswordSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const wait = await consumeLimit('password-change', { ip: clientIp(context), userId: user.id });
    if (wait !== null) return tooMany(wait, t, {}, 'newPassword');
    const result = await changePassword(user, parsed.data.currentPassword, parsed.data.newPassword);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect('/me?passwordChanged=1');
  }
  if (formData.get('intent') === 'add-email') {
    const parsed = parseForm(addEmailSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await addEmail(user.id, parsed.data.email);
    if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
    return redirect('/me?emailAdded=1');
  }
  if (formData.get('intent') === 'sign-out-device') {
    const parsed = parseForm(signOutDeviceSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    if (!(await revokeSessionByRef(user.id, parsed.data.session))) return invalid({ session: t('cabinet.deviceGone') });
    return redirect('/me?deviceSignedOut=1');
  }
  if (formData.get('intent') === 'sign-out-everywhere') {
    await revokeOtherSessions(user.id, user.sessionId);
    return redirect('/me?signedOut=1');
  }
  if (formData.get('intent') === 'email-preferences') {
    const preferences = parseForm(emailPreferencesSchema, formData, t, ['topics']);
    if (!preferences.ok) return invalid(preferences.errors, preferences.values);
    await setEmailPreferences(user.id, preferences.data);
    return redirect('/me?saved=1');
  }
  const parsed = parseForm(profileSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await updateProfile(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect('/me?saved=1');
}

export default function Cabinet() {
  const dateTime = useDateTime();
  const { user, districts, sessions, summary, votedBallots, emailTopics: topicsOn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const labels = {
    name: t('field.name'), districtId: t('field.district'), birthYear: t('field.birthYear'), locale: t('field.locale'),
    currentPassword: t('field.currentPassword'), newPassword: t('field.newPassword'),
  };
  const values = actionData?.values;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.cabinet')}</h1>
      {params.get('saved') ? <p className="notice" role="status">{t('cabinet.saved')}</p> : null}
      {params.get('signedOut') ? <p className="notice" role="status">{t('auth.signedOutEverywhere')}</p> : null}
      {params.get('deviceSignedOut') ? <p className="notice" role="status">{t('cabinet.deviceSignedOut')}</p> : null}
      {params.get('passwordChanged') ? <p className="notice" role="status">{t('cabinet.passwordChanged')}</p> : null}
      {params.get('emailAdded') ? <p className="notice" role="status">{t('cabinet.emailAdded')}</p> : null}
      {params.get('welcome') ? <p className="notice" role="status">{t('notice.welcome', { name: user.name })}</p> : null}
      <p>
        <Badge tone={user.verified ? 'success' : 'warning'}>{user.verified ? t('status.verified') : t('status.unverified')}</Badge>{' '}
        {user.verified ? t('cabinet.verified') : t('cabinet.unverified')}
      </p>
      <p>
        <Link to="/me/reports">{t('reports.mine')}</Link> · <Link to="/me/ideas">{t('page.myIdeas')}</Link> · <Link to="/me/initiatives">{t('page.myInitiatives')}</Link> · <Link to="/reports/new">{t('reports.new')}</Link> · <Link to="/me/data">{t('cabinet.myData')}</Link>
      </p>
      <p>
        <Link to="/me/points">{t('votes.myPoints')}</Link>
      </p>
      {summary.openBallots.length > 0 ? (
        <section aria-labelledby="cabinet-vote">
          <h2 id="cabinet-vote">{t('cabinet.canVote')}</h2>
          <ul className="list-plain">
            {summary.openBallots.map((b) => (
              <li key={b.id}>
                <Link to={`/votes/${b.id}`}>{locale === 'ru' ? b.titleRu : b.titleEn}</Link> — <span className="muted">{t('cabinet.closes', { date: dateTime(b.closesAt) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="cabinet-activity">
        <h2 id="cabinet-activity">{t('cabinet.activity')}</h2>
        <p>
          {t('cabinet.counts', { reports: summary.counts.reports, ideas: summary.counts.ideas, comments: summary.counts.comments, supports: summary.counts.supports, ballots: summary.counts.ballotsVoted })}{' '}
          <Link to="/me/points">{t('cabinet.points', { points: summary.points })}</Link> · <Link to="/me/notifications">{t('nav.unread', { count: summary.counts.unread })}</Link>
        </p>
        {summary.reports.length > 0 ? (
          <>
            <h3>{t('reports.mine')}</h3>
            <ul className="list-plain">
              {summary.reports.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}>{t('reports.number', { id: r.id })}</Link> — {locale === 'ru' ? r.categoryRu : r.categoryEn} <ReportStatus status={r.status} overdue={r.overdue} />
                  {r.status === 'assigned' && r.answerDueAt ? <span className="muted"> · {t('reports.answerDue', { date: dateTime(r.answerDueAt) })}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {votedBallots.length > 0 ? (
          <>
            <h3>{t('votes.myBallots')}</h3>
            <ul className="list-plain">
              {votedBallots.map((b) => (
                <li key={b.id}>
                  <Link to={`/votes/${b.id}`}>{locale === 'ru' ? b.titleRu : b.titleEn}</Link> <BallotStatus status={b.status} />
                  {b.keptReceipt ? <> · <span className="muted">{t('votes.keptHere')}</span> <code data-testid="kept-receipt">{b.keptReceipt}</code></> : null}
                </li>
              ))}
            </ul>
            <p className="muted">{t('votes.keptNone')} <Link to="/me/points">{t('votes.allMyBallots')}</Link></p>
          </>
        ) : null}
        {summary.ideas.length > 0 ? (
          <>
            <h3>{t('page.myIdeas')}</h3>
            <ul className="list-plain">
              {summary.ideas.map((i) => (
                <li key={i.id}>
                  <Link to={`/ideas/${i.id}`}>{i.title}</Link> <IdeaStatus status={i.status} /> <span className="muted">· {t('cabinet.ideaCounts', { supports: i.supports, comments: i.comments })}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <h2>{t('cabinet.roles')}</h2>
      <ul>
        <li>{t('role.resident')}</li>
        {user.roles.map((g) => (
          <li key={g.id}>{t(`role.${g.role}`)}</li>
        ))}
      </ul>
      <h2>{t('cabinet.profile')}</h2>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <Field name="name" type="text" autoComplete="name" label={labels.name} error={actionData?.errors.name} defaultValue={valueOf(values, 'name', user.name)} />
        <SelectField
          name="districtId"
          label={labels.districtId}
          error={actionData?.errors.districtId}
          defaultValue={valueOf(values, 'districtId', user.districtId ? String(user.districtId) : '')}
          options={[{ value: '', label: t('field.districtNone') }, ...districts.map((d) => ({ value: String(d.id), label: localName(locale, d) }))]}
        />
        <Field name="birthYear" type="text" inputMode="numeric" autoComplete="bday-year" label={labels.birthYear} error={actionData?.errors.birthYear} defaultValue={valueOf(values, 'birthYear', user.birthYear ? String(user.birthYear) : '')} className="" />
        <SelectField
          name="locale"
          label={labels.locale}
          error={actionData?.errors.locale}
          defaultValue={valueOf(values, 'locale', user.locale)}
          options={[{ value: 'ru', label: 'Русский' }, { value: 'en', label: 'English' }]}
        />
        <button type="submit" className="button">{t('form.save')}</button>
      </Form>
      <h2>{t('cabinet.emailTitle')}</h2>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <CheckboxesField
          name="topics"
          label={t('cabinet.emailLabel')}
          hint={t('cabinet.emailHint')}
          error={actionData?.errors.topics}
          options={[
            { value: 'reports', label: t('cabinet.emailReports') },
            { value: 'ideas', label: t('cabinet.emailIdeas') },
            { value: 'votes', label: t('cabinet.emailVotes') },
          ]}
          checked={topicsOn}
        />
        <button type="submit" name="intent" value="email-preferences" className="button button--secondary">
          {t('cabinet.emailSave')}
        </button>
      </Form>
      {user.hasEmail ? null : (
        <>
          <h2>{t('cabinet.addEmail')}</h2>
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <p className="muted">{t('cabinet.addEmailHint')}</p>
            <Field name="email" type="email" autoComplete="email" label={t('field.email')} error={actionData?.errors.email} />
            <button type="submit" name="intent" value="add-email" className="button button--secondary">
              {t('cabinet.addEmailButton')}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/me/push">{t('cabinet.pushLink')}</Link> · <Link to="/me/alerts">{t('cabinet.alertsLink')}</Link>
      </p>
      <h2>{t('cabinet.password')}</h2>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <p className="muted">{user.hasPassword ? t('cabinet.passwordHint') : t('cabinet.passwordNone')}</p>
        {user.hasPassword ? (
          <Field name="currentPassword" type="password" autoComplete="current-password" label={labels.currentPassword} error={actionData?.errors.currentPassword} />
        ) : null}
        <Field name="newPassword" type="password" autoComplete="new-password" label={labels.newPassword} hint={t('field.passwordHint')} error={actionData?.errors.newPassword} />
        <button type="submit" name="intent" value="password" className="button button--secondary">
          {t('cabinet.passwordSave')}
        </button>
      </Form>
      <h2>{t('cabinet.sessions')}</h2>
      <ul>
        {sessions.map((s) => (
          <li key={s.ref}>
            {[
              s.device.browser && s.device.os ? t('cabinet.deviceName', { browser: s.device.browser, os: s.device.os }) : (s.device.browser ?? s.device.os ?? t('cabinet.deviceUnknown')),
              s.device.localNetwork ? t('cabinet.localNetwork') : null,
              t('cabinet.lastActive', { time: dateTime(s.lastSeenAt) }),
            ].filter(Boolean).join(', ')}{' '}
            {s.current ? (
              <Badge tone="success">{t('cabinet.thisDevice')}</Badge>
            ) : (
              <InlineAction intent="sign-out-device" fields={{ session: s.ref }} label={t('cabinet.signOutDevice')} about={`— ${dateTime(s.createdAt)}`} />
            )}
          </li>
        ))}
      </ul>
      <Form method="post">
        <CsrfInput />
        <button type="submit" name="intent" value="sign-out-everywhere" className="button button--secondary">
          {t('auth.signOutEverywhere')}
        </button>
      </Form>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
