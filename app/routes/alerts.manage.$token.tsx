// /alerts/manage/<signed link>: every e-mail-only alert's digest links here (ADR 062), so someone without an account
// can pause, resume or delete the alert, not only unsubscribe. The signed link proves they hold the mailbox; no
// sign-in, no CSRF token (the link is the authority, as for the one-click unsubscribe). A GET only shows; the buttons
// POST and come back here (post/redirect/get). Plain forms: works without JavaScript.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { alertsMessages } from '#app/modules/alerts/messages';
import { readLinkPost, refusalStatus } from '#app/modules/alerts/link-form.server';
import { manageAlertByLink } from '#app/modules/alerts/manage-alert.server';
import { alertForLink } from '#app/modules/alerts/queries.server';
import { manageAlertByLinkSchema } from '#app/modules/alerts/schemas';
import { readAlertLink } from '#app/modules/alerts/tokens.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { parseForm } from '#app/utils/forms';
import { getTranslator } from '#app/utils/locale.server';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.alertManage', messages: [alertsMessages] } satisfies PageHandle;

type Done = 'pause' | 'resume' | 'delete';
type State =
  | { state: 'shown'; area: string; status: 'pending' | 'active' | 'paused'; done: Done | null }
  | { state: 'deleted' | 'invalid' | 'expired' | 'gone'; area: ''; status: null; done: null };

const dones: readonly string[] = ['pause', 'resume', 'delete'];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = readAlertLink('manage', params.token ?? '');
  if (!link.ok) return data<State>({ state: link.why, area: '', status: null, done: null }, { status: refusalStatus(link.why) });
  const done = new URL(request.url).searchParams.get('done');
  const alert = await alertForLink(link.alertId);
  if (!alert) return data<State>(done === 'delete' ? { state: 'deleted', area: '', status: null, done: null } : { state: 'gone', area: '', status: null, done: null }, { status: done === 'delete' ? 200 : 410 });
  return data<State>({ state: 'shown', area: alert.label, status: alert.status, done: done && dones.includes(done) ? (done as Done) : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const link = await readLinkPost(request, 'manage', params.token);
  const { t } = await getTranslator(request);
  if (!link.ok) return data({ errors: { form: t(link.why === 'expired' ? 'alerts.linkExpired' : 'alerts.linkInvalid') } as Record<string, string> }, { status: refusalStatus(link.why) });
  const parsed = parseForm(manageAlertByLinkSchema, link.formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  if (!(await manageAlertByLink(link.alertId, parsed.data.intent))) return data({ errors: { form: t('alerts.linkGone') } as Record<string, string> }, { status: 410 });
  return redirect(`/alerts/manage/${params.token}?done=${parsed.data.intent}`);
}

const doneKeys = { pause: 'alerts.done.pause', resume: 'alerts.done.resume', delete: 'alerts.done.delete' } as const;

export default function ManageAlert() {
  const { state, area, status, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const errors = actionData?.errors;
  return (
    <>
      <ErrorSummary errors={errors} labels={{ intent: t('alerts.manageIntent'), form: t('page.alertManage') }} ids={{ intent: null, form: null }} />
      <h1>{t('page.alertManage')}</h1>
      {state === 'shown' ? (
        <>
          {done ? <p className="notice" role="status">{t(doneKeys[done])}</p> : null}
          <p>{t('alerts.manageIntro', { area })}</p>
          <p>
            {t('alerts.manageState')} <strong data-status={status}>{t(`alerts.status.${status}`)}</strong>
          </p>
          <p className="muted">{t('alerts.manageHint')}</p>
          <div className="row">
            {status === 'active' ? (
              <Form method="post">
                <button type="submit" name="intent" value="pause" className="button button--secondary">{t('alerts.pause')}</button>
              </Form>
            ) : null}
            {status === 'paused' ? (
              <Form method="post">
                <button type="submit" name="intent" value="resume" className="button">{t('alerts.resume')}</button>
              </Form>
            ) : null}
            <Form method="post">
              <button type="submit" name="intent" value="delete" className="button button--secondary">{t('alerts.delete')}</button>
            </Form>
          </div>
        </>
      ) : (
        <p className="notice" role="status" data-state={state}>
          {state === 'deleted' ? t('alerts.done.delete') : state === 'gone' ? t('alerts.linkGone') : t('alerts.linkInvalid')}
        </p>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
