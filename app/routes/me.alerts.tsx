// /me/alerts: a resident's alerts by area (ADR 056) — each area, whether it is on, its last digest; pause, resume,
// delete (plain forms, no JavaScript needed), and a link to add one.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { alertsMessages } from '#app/modules/alerts/messages';
import { manageAlert } from '#app/modules/alerts/manage-alert.server';
import { alertsOf } from '#app/modules/alerts/queries.server';
import { manageAlertSchema } from '#app/modules/alerts/schemas';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { invalid, readForm } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useFormat, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.myAlerts', messages: [alertsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { alerts: await alertsOf(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(manageAlertSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors);
  // Someone else's alert (or a deleted one) is not found: the same answer either way.
  if (!(await manageAlert(user.id, parsed.data.alert, parsed.data.intent))) return invalid({ alert: t('alerts.notYours') });
  return redirect(`/me/alerts?done=${parsed.data.intent}`);
}

const doneKeys = { pause: 'alerts.done.pause', resume: 'alerts.done.resume', delete: 'alerts.done.delete' } as const;

export default function MyAlerts() {
  const { alerts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useT();
  const { date } = useFormat();
  const done = params.get('done');
  const created = Number(params.get('created') ?? params.get('exists'));
  const createdAlert = alerts.find((a) => a.id === created);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{ alert: t('page.myAlerts'), intent: t('page.myAlerts') }} ids={{ alert: null, intent: null }} />
      <h1>{t('page.myAlerts')}</h1>
      {done === 'pause' || done === 'resume' || done === 'delete' ? <p className="notice" role="status">{t(doneKeys[done])}</p> : null}
      {createdAlert ? <p className="notice" role="status">{t(params.has('exists') ? 'alerts.exists' : 'alerts.created', { area: createdAlert.label })}</p> : null}
      {alerts.length === 0 ? <p>{t('alerts.none')}</p> : null}
      <ul className="list-plain">
        {alerts.map((alert) => (
          <li key={alert.id} id={`alert-${alert.id}`}>
            <strong>{alert.radius ? t('alerts.radiusAround', { radius: alert.radius, area: alert.label }) : alert.label}</strong> ·{' '}
            <span data-status={alert.status}>{t(`alerts.status.${alert.status}`)}</span>
            <br />
            <span className="muted">{alert.lastDigest ? t('alerts.lastDigest', { day: date(`${alert.lastDigest}T12:00:00Z`) }) : t('alerts.noDigestYet')}</span>
            {' · '}
            <a href={`/reports/feed.atom?${alert.feedQuery}`} type="application/atom+xml">{t('alerts.feed')}</a>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="alert" value={alert.id} />
              {alert.status === 'paused' ? (
                <button type="submit" name="intent" value="resume" className="button button--secondary">{t('alerts.resume')}</button>
              ) : (
                <button type="submit" name="intent" value="pause" className="button button--secondary">{t('alerts.pause')}</button>
              )}{' '}
              <button type="submit" name="intent" value="delete" className="button button--secondary">{t('alerts.delete')}</button>
            </Form>
          </li>
        ))}
      </ul>
      <p><Link to="/alerts">{t('alerts.new')}</Link></p>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
