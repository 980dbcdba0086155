// /alerts/confirm/<signed link>: the e-mailed confirmation of an address's alert (ADR 056). The GET only shows the
// area and a button (a link scanner opening the e-mail confirms nothing); the POST confirms. No sign-in needed.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { alertsMessages } from '#app/modules/alerts/messages';
import { readLinkPost, refusalStatus } from '#app/modules/alerts/link-form.server';
import { confirmAlert } from '#app/modules/alerts/manage-alert.server';
import { alertForLink } from '#app/modules/alerts/queries.server';
import { readAlertLink } from '#app/modules/alerts/tokens.server';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.alertConfirm', messages: [alertsMessages] } satisfies PageHandle;

type State = { state: 'ask' | 'confirmed' | 'already' | 'invalid' | 'expired' | 'gone'; area: string };

export async function loader({ params }: LoaderFunctionArgs) {
  const link = readAlertLink('confirm', params.token ?? '');
  if (!link.ok) return data<State>({ state: link.why, area: '' }, { status: refusalStatus(link.why) });
  const alert = await alertForLink(link.alertId);
  if (!alert) return data<State>({ state: 'gone', area: '' }, { status: 410 });
  return data<State>({ state: alert.status === 'pending' ? 'ask' : 'already', area: alert.label });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const link = await readLinkPost(request, 'confirm', params.token);
  if (!link.ok) return data<State>({ state: link.why, area: '' }, { status: refusalStatus(link.why) });
  const confirmed = await confirmAlert(link.alertId);
  if (confirmed.outcome === 'gone') return data<State>({ state: 'gone', area: '' }, { status: 410 });
  return data<State>({ state: confirmed.outcome, area: confirmed.label });
}

export default function ConfirmAlert() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { state, area } = posted ?? loaded;
  const { t } = useT();
  return (
    <>
      <h1>{t('page.alertConfirm')}</h1>
      {state === 'ask' ? (
        <Form method="post" className="form">
          <p>{t('alerts.confirmIntro', { area })}</p>
          <button type="submit" className="button">{t('alerts.confirmButton')}</button>
        </Form>
      ) : (
        <p className="notice" role="status" data-state={state}>
          {state === 'confirmed' ? t('alerts.confirmed', { area }) : state === 'already' ? t('alerts.alreadyConfirmed') : state === 'expired' ? t('alerts.linkExpired') : state === 'gone' ? t('alerts.linkGone') : t('alerts.linkInvalid')}
        </p>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
