// /alerts/unsubscribe/<signed link>: every digest's one-click unsubscribe (ADR 056). A GET shows the area and a
// button, never unsubscribes (link scanners open links); a POST — the button, or a mail client's RFC 8058
// "List-Unsubscribe=One-Click" — removes the alert, and says so again if it is already gone. No sign-in needed.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { alertsMessages } from '#app/modules/alerts/messages';
import { readLinkPost, refusalStatus } from '#app/modules/alerts/link-form.server';
import { unsubscribeAlert } from '#app/modules/alerts/manage-alert.server';
import { alertForLink } from '#app/modules/alerts/queries.server';
import { readAlertLink } from '#app/modules/alerts/tokens.server';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.alertUnsubscribe', messages: [alertsMessages] } satisfies PageHandle;

type State = { state: 'ask' | 'unsubscribed' | 'invalid' | 'expired' | 'gone'; area: string };

export async function loader({ params }: LoaderFunctionArgs) {
  const link = readAlertLink('unsubscribe', params.token ?? '');
  if (!link.ok) return data<State>({ state: link.why, area: '' }, { status: refusalStatus(link.why) });
  const alert = await alertForLink(link.alertId);
  // Already gone: said with a 200, as the page after a POST that removed it is this loader's answer too.
  if (!alert) return data<State>({ state: 'gone', area: '' });
  return data<State>({ state: 'ask', area: alert.label });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const link = await readLinkPost(request, 'unsubscribe', params.token);
  if (!link.ok) return data<State>({ state: link.why, area: '' }, { status: refusalStatus(link.why) });
  // Already gone is still "unsubscribed": a mail client may post twice.
  await unsubscribeAlert(link.alertId);
  return data<State>({ state: 'unsubscribed', area: '' });
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { state, area } = posted ?? loaded;
  const { t } = useT();
  return (
    <>
      <h1>{t('page.alertUnsubscribe')}</h1>
      {state === 'ask' ? (
        <Form method="post" className="form">
          <p>{t('alerts.unsubscribeIntro', { area })}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" className="button">{t('alerts.unsubscribeButton')}</button>
        </Form>
      ) : (
        <p className="notice" role="status" data-state={state}>
          {state === 'unsubscribed' ? t('alerts.unsubscribed') : state === 'gone' ? t('alerts.linkGone') : t('alerts.linkInvalid')}
        </p>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
