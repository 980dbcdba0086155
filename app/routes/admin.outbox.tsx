import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listOutbox } from '#app/modules/notifications/queries.server';
import { Badge } from '#app/components/ui/Badge';
import { useDateTime, useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import { notificationsMessages } from '#app/modules/notifications/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminOutbox', messages: [accountsMessages, notificationsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'notifications.read-outbox');
  // A one-time link (a password reset) is its recipient's alone: an admin who could read it could take the account.
  const emails = (await listOutbox()).map((m) => ({ ...m, bodyText: m.sensitive ? null : m.bodyText }));
  return { emails };
}

export default function AdminOutbox() {
  const dateTime = useDateTime();
  const { emails } = useLoaderData<typeof loader>();
  const { t } = useT();
  const tone = { pending: 'warning', sent: 'success', failed: 'danger' } as const;
  return (
    <>
      <h1>{t('page.adminOutbox')}</h1>
      <p className="muted">{t('admin.outboxHint')}</p>
      {emails.length === 0 ? (
        <p className="empty-state">{t('admin.empty')}</p>
      ) : (
        <ul className="list-plain">
          {emails.map((m) => (
            <li key={m.id}>
              <Badge tone={tone[m.status]}>{t(`status.${m.status}`)}</Badge> {m.channel === 'push' ? <Badge tone="info">{t('channel.push')}</Badge> : null} <strong>{m.subject}</strong> → {m.toAddress}{' '}
              <span className="muted">{dateTime(m.createdAt)} · {t('admin.attempts')}: {m.attempts}</span>
              {m.lastError ? <p className="field__error">{t('admin.lastError')}: {m.lastError}</p> : null}
              <details>
                <summary>{t('admin.subject')}: {m.subject}</summary>
                {m.bodyText === null ? <p className="muted">{t('admin.outboxSensitive')}</p> : <pre className="json">{m.bodyText}</pre>}
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
