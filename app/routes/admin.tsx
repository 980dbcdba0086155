import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { can, isStaff, requireUser } from '#app/modules/accounts/permissions.server';
import { useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import { apiMessages } from '#app/modules/api/messages';
import { auditMessages } from '#app/modules/audit/messages';
import { cityMessages } from '#app/modules/city/messages';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { ideasMessages } from '#app/modules/ideas/messages';
import { notificationsMessages } from '#app/modules/notifications/messages';
import { statsMessages } from '#app/modules/stats/messages';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.admin', messages: [accountsMessages, apiMessages, auditMessages, cityMessages, feedbackMessages, ideasMessages, notificationsMessages, statsMessages, votesMessages] } satisfies PageHandle;

/** Staff only; each page below checks its own permission too. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isStaff(user)) throw new Response('Forbidden', { status: 403 });
  return {
    canConfigure: can(user, 'city.configure'),
    canGrant: can(user, 'accounts.grant-role'),
    canAudit: can(user, 'audit.read'),
    canOutbox: can(user, 'notifications.read-outbox'),
    canQueues: can(user, 'queues.read'),
    canApiKeys: can(user, 'api-keys.manage'),
    canFeedback: can(user, 'feedback.read', 'some'),
    canStats: can(user, 'stats.read', 'some'),
    canBallots: can(user, 'votes.manage'),
    canProjects: can(user, 'ideas.manage-projects'),
  };
}

export default function AdminLayout() {
  const allowed = useLoaderData<typeof loader>();
  const { t } = useT();
  const links = [
    { to: '/admin/districts', label: t('page.adminDistricts'), show: allowed.canConfigure },
    { to: '/admin/addresses', label: t('page.adminAddresses'), show: allowed.canConfigure },
    { to: '/admin/departments', label: t('page.adminDepartments'), show: allowed.canConfigure },
    { to: '/admin/categories', label: t('page.adminCategories'), show: allowed.canConfigure },
    { to: '/admin/holidays', label: t('page.adminHolidays'), show: allowed.canConfigure },
    { to: '/admin/users', label: t('page.adminUsers'), show: allowed.canGrant },
    { to: '/admin/audit', label: t('page.adminAudit'), show: allowed.canAudit },
    { to: '/admin/outbox', label: t('page.adminOutbox'), show: allowed.canOutbox },
    { to: '/admin/api-keys', label: t('page.adminApiKeys'), show: allowed.canApiKeys },
    { to: '/admin/stats', label: t('page.adminStats'), show: allowed.canStats },
    { to: '/admin/feedback', label: t('page.adminFeedback'), show: allowed.canFeedback },
    { to: '/admin/ballots', label: t('votes.adminBallots'), show: allowed.canBallots },
    { to: '/admin/projects', label: t('page.adminProjects'), show: allowed.canProjects },
    { to: '/admin/queues', label: t('page.adminQueues'), show: allowed.canQueues, external: true },
  ].filter((l) => l.show);
  return (
    <>
      <nav className="admin-nav" aria-label={t('page.admin')}>
        <ul>
          <li><NavLink to="/admin" end>{t('page.admin')}</NavLink></li>
          {links.map((l) => (
            <li key={l.to}>{'external' in l ? <a href={l.to}>{l.label}</a> : <NavLink to={l.to}>{l.label}</NavLink>}</li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
