import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listAuditEntries } from '#app/modules/audit/queries.server';
import { optionalIdText } from '#app/utils/forms';
import { searchParamsOf } from '#app/utils/search-params.server';
import { useDateTime, useT } from '#app/utils/use-app';
import { auditMessages } from '#app/modules/audit/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminAudit', messages: [auditMessages] } satisfies PageHandle;
const pageSize = 100;
// The audit log is bigserial.
const auditQuerySchema = z.object({ before: optionalIdText({ max: Number.MAX_SAFE_INTEGER }) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'audit.read');
  const { before } = await searchParamsOf(request, auditQuerySchema);
  const entries = await listAuditEntries({ limit: pageSize, before });
  return { entries, next: entries.length === pageSize ? entries.at(-1)?.id : undefined };
}

export default function AdminAudit() {
  const dateTime = useDateTime();
  const { entries, next } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t('page.adminAudit')}</h1>
      {entries.length === 0 ? (
        <p className="empty-state">{t('admin.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">{t('admin.when')}</th><th scope="col">{t('admin.actor')}</th><th scope="col">{t('admin.action')}</th><th scope="col">{t('admin.target')}</th><th scope="col">{t('admin.change')}</th></tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.at)}</td>
                  <td>{e.actorName ?? '—'}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.targetType} {e.targetId}</td>
                  <td><pre className="json">{e.before ? `− ${JSON.stringify(e.before)}\n` : ''}{e.after ? `+ ${JSON.stringify(e.after)}` : ''}</pre></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? <p><Link to={`?before=${next}`}>→</Link></p> : null}
    </>
  );
}
