import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { markNotificationsRead } from '#app/modules/notifications/mark-read.server';
import { listNotifications } from '#app/modules/notifications/queries.server';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge } from '#app/components/ui/Badge';
import { readForm } from '#app/utils/action.server';
import type { MessageKey } from '#app/utils/i18n';
import { useDateTime, useT } from '#app/utils/use-app';
import { notificationsMessages } from '#app/modules/notifications/messages';
import { accountsMessages } from '#app/modules/accounts/messages';
import { ideasMessages } from '#app/modules/ideas/messages';
import { initiativesMessages } from '#app/modules/initiatives/messages';
import { reportsMessages } from '#app/modules/reports/messages';
import { votesMessages } from '#app/modules/votes/messages';
import { centresMessages } from '#app/modules/centres/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.notifications', messages: [notificationsMessages, accountsMessages, ideasMessages, initiativesMessages, reportsMessages, votesMessages, centresMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData } = await readForm(request);
  const id = formData.get('id');
  await markNotificationsRead(user.id, typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : undefined);
  return redirect('/me/notifications');
}

export default function Notifications() {
  const dateTime = useDateTime();
  const { notifications } = useLoaderData<typeof loader>();
  const { t, has } = useT();
  // Parameters that are themselves message keys (e.g. a role's name) are shown translated.
  const render = (kind: string, params: Record<string, string | number>) =>
    has(kind) ? t(kind, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, has(v) ? t(v as MessageKey) : v]))) : kind;
  return (
    <>
      <h1>{t('page.notifications')}</h1>
      {notifications.length === 0 ? (
        <p className="empty-state">{t('notifications.empty')}</p>
      ) : (
        <>
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button button--secondary">{t('notifications.markAllRead')}</button>
          </Form>
          <ul className="list-plain">
            {notifications.map((n) => (
              <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                {n.readAt ? null : <><Badge tone="info">{t('notifications.unreadBadge')}</Badge> </>}
                {n.link ? <Link to={n.link}>{render(n.kind, n.params)}</Link> : render(n.kind, n.params)}{' '}
                <span className="muted">{dateTime(n.createdAt)}</span>
                {n.readAt ? null : (
                  <>{' '}<InlineAction fields={{ id: n.id }} label={t('notifications.markRead')} /></>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
