// The cabinet's push messages (ADR 049): the topics a person wants pushed (a plain form), and this browser's
// subscription (needs JavaScript and a service worker, as Web Push itself does).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useFetcher, useLoaderData, useSearchParams } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { pushEndpointSchema, pushSubscriptionSchema, pushTopicChoices, pushTopicsSchema } from '#app/modules/notifications/schemas';
import { pushConfigured, pushSettingsOf, removePushSubscription, savePushSubscription, savePushTopics } from '#app/modules/notifications/push.server';
import { notificationsMessages } from '#app/modules/notifications/messages';
import { CheckboxesField } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm } from '#app/utils/action.server';
import { env } from '#app/utils/env.server';
import { parseForm } from '#app/utils/forms';
import { useRootData, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.push', messages: [notificationsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { ...(await pushSettingsOf(user.id)), configured: pushConfigured(), vapidKey: env.VAPID_PUBLIC_KEY ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'subscribe') {
    const parsed = parseForm(pushSubscriptionSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    if (!pushConfigured()) return data({ errors: { form: t('push.notConfigured') } as Record<string, string>, values: {} }, { status: 409 });
    await savePushSubscription(user.id, parsed.data, request.headers.get('User-Agent')?.slice(0, 300) ?? null);
    return { subscribed: true };
  }
  if (intent === 'unsubscribe') {
    const parsed = parseForm(pushEndpointSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    await removePushSubscription(user.id, parsed.data.endpoint);
    return { subscribed: false };
  }
  const parsed = parseForm(pushTopicsSchema, formData, t, ['topics']);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  await savePushTopics(user.id, parsed.data.topics);
  return redirect('/me/push?saved=1');
}

/** The key as PushManager.subscribe wants it: the raw bytes of the base64url VAPID public key. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

type BrowserState = 'unknown' | 'unsupported' | 'denied' | 'off' | 'on' | 'failed';

/** Subscribes this browser through its service worker and hands the subscription to the action. */
function ThisBrowser({ vapidKey }: { vapidKey: string | null }) {
  const { t } = useT();
  const csrf = useRootData()?.csrfToken ?? '';
  const fetcher = useFetcher<typeof action>();
  const [state, setState] = useState<BrowserState>('unknown');

  useEffect(() => {
    // What the browser can do is known only after hydration (the server renders nothing here).
    void (async (): Promise<BrowserState> => {
      if (!('serviceWorker' in navigator) || !('PushManager' in window) || !vapidKey) return 'unsupported';
      if (Notification.permission === 'denied') return 'denied';
      const registration = await navigator.serviceWorker.getRegistration('/');
      return (await registration?.pushManager.getSubscription()) ? 'on' : 'off';
    })().then(setState);
  }, [vapidKey]);

  async function turnOn() {
    try {
      const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidKey!) });
      const { endpoint, keys } = subscription.toJSON();
      await fetcher.submit({ _csrf: csrf, intent: 'subscribe', endpoint: endpoint ?? '', p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' }, { method: 'post' });
      setState('on');
    } catch {
      setState(Notification.permission === 'denied' ? 'denied' : 'failed');
    }
  }

  async function turnOff() {
    const registration = await navigator.serviceWorker.getRegistration('/');
    const subscription = await registration?.pushManager.getSubscription();
    if (subscription) {
      await fetcher.submit({ _csrf: csrf, intent: 'unsubscribe', endpoint: subscription.endpoint }, { method: 'post' });
      await subscription.unsubscribe();
    }
    setState('off');
  }

  if (state === 'unknown') return null;
  return (
    <div className="form">
      <p role="status" data-push-state={state}>{t(`push.browser.${state}`)}</p>
      {state === 'off' || state === 'failed' ? (
        <button type="button" className="button" onClick={() => void turnOn()}>{t('push.turnOn')}</button>
      ) : null}
      {state === 'on' ? (
        <button type="button" className="button button--secondary" onClick={() => void turnOff()}>{t('push.turnOff')}</button>
      ) : null}
    </div>
  );
}

export default function PushSettings() {
  const { topics, browsers, configured, vapidKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useT();
  const errors = actionData && 'errors' in actionData ? actionData.errors : undefined;
  return (
    <>
      <ErrorSummary errors={errors} labels={{ topics: t('push.topicsLabel') }} />
      <h1>{t('page.push')}</h1>
      {params.get('saved') ? <p className="notice" role="status">{t('push.saved')}</p> : null}
      <p>{t('push.intro')}</p>
      {configured ? (
        <>
          <h2>{t('push.browserTitle')}</h2>
          <p>{t('push.browsers', { count: browsers })}</p>
          <noscript>
            <p>{t('push.needsScript')}</p>
          </noscript>
          <ThisBrowser vapidKey={vapidKey} />
        </>
      ) : (
        <p className="notice">{t('push.notConfigured')}</p>
      )}
      <h2>{t('push.topicsTitle')}</h2>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <CheckboxesField
          name="topics"
          label={t('push.topicsLabel')}
          hint={t('push.topicsHint')}
          error={errors?.topics}
          options={pushTopicChoices.map((topic) => ({ value: topic, label: t(`push.topic.${topic}`) }))}
          checked={topics}
        />
        <button type="submit" name="intent" value="topics" className="button button--secondary">{t('push.save')}</button>
      </Form>
    </>
  );
}
