import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { projects, roleGrants, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { grantRole, revokeRole } from '#app/modules/accounts/grant-role.server';
import { Browser, newResident } from '../support/app';

afterAll(closeConnections);

async function userId(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

describe('granting roles', () => {
  it('gives a resident a role: the page changes, the person is told, and revoking takes it back', async () => {
    const { browser: resident, email } = await newResident('promoted');
    expect((await resident.get('/admin')).status).toBe(403);
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const id = await userId(email);
    const granted = await admin.post('/admin/users', { intent: 'grant', userId: id, role: 'moderator', departmentId: '', projectId: '' });
    expect(granted.status).toBe(302);
    expect((await resident.get('/admin')).status).toBe(200);
    const notifications = await (await resident.get('/me/notifications')).text();
    expect(notifications).toContain('You were given the role: Moderator');

    const again = await admin.post('/admin/users', { intent: 'grant', userId: id, role: 'moderator' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This person already holds that role');

    const [grant] = await db.select().from(roleGrants).where(and(eq(roleGrants.userId, id), eq(roleGrants.role, 'moderator')));
    expect((await admin.post('/admin/users', { intent: 'revoke', grantId: grant!.id })).status).toBe(302);
    expect((await resident.get('/admin')).status).toBe(403);
  });

  it('grants and revokes a project\'s expert on the project page, and revokes nothing there that belongs elsewhere', async () => {
    const { email } = await newResident('project-expert');
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const [clinics] = await db.select({ id: projects.id }).from(projects).where(eq(projects.slug, 'clinics'));
    const [parks] = await db.select({ id: projects.id }).from(projects).where(eq(projects.slug, 'parks'));
    expect((await admin.post(`/admin/projects/${clinics!.id}`, { intent: 'grant', email, role: 'expert' })).status).toBe(302);
    expect((await admin.post(`/admin/projects/${parks!.id}`, { intent: 'grant', email, role: 'expert' })).status).toBe(302);
    const grantOn = async (projectId: number) => (await db.select().from(roleGrants).where(and(eq(roleGrants.userId, await userId(email)), eq(roleGrants.projectId, projectId))))[0]!;
    const inParks = await grantOn(parks!.id);
    expect(await (await admin.get(`/admin/projects/${clinics!.id}`)).text()).toContain(email);

    // The parks grant, or the city's admin grant, through the clinics page: refused, nothing revoked.
    const [adminGrant] = await db.select().from(roleGrants).where(eq(roleGrants.role, 'admin'));
    for (const grantId of [inParks.id, adminGrant!.id]) {
      const refused = await admin.post(`/admin/projects/${clinics!.id}`, { intent: 'revoke', grantId });
      expect(refused.status).toBe(400);
      expect(await db.select().from(roleGrants).where(eq(roleGrants.id, grantId))).toHaveLength(1);
    }
    const revoked = await admin.post(`/admin/projects/${clinics!.id}`, { intent: 'revoke', grantId: (await grantOn(clinics!.id)).id });
    expect(revoked.headers.get('Location')).toBe(`/admin/projects/${clinics!.id}?revoked=1`);
    expect(await db.select().from(roleGrants).where(and(eq(roleGrants.userId, await userId(email)), eq(roleGrants.role, 'expert')))).toHaveLength(1);
    const [audit] = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'role.revoke' AND target_id = ${await userId(email)} AND before->>'projectId' = ${String(clinics!.id)}`);
    expect(audit!.n).toBe(1);
  });

  it('scopes a department officer to one existing department', async () => {
    const { email } = await newResident('officer');
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const missingScope = await admin.post('/admin/users', { intent: 'grant', userId: await userId(email), role: 'department', departmentId: '' });
    expect(await missingScope.text()).toContain('Choose a department for a department officer');
    const unknown = await admin.post('/admin/users', { intent: 'grant', userId: await userId(email), role: 'department', departmentId: '999999' });
    expect(await unknown.text()).toContain('Choose a department that exists');
  });

  it('never removes the last administrator', async () => {
    const adminId = await userId('admin@demo.vmeste.city');
    const { email } = await newResident('second-admin');
    const secondId = await userId(email);
    const second = await grantRole(adminId, { userId: secondId, role: 'admin' });
    expect(second.ok).toBe(true);
    // With two admins, one can go; the last one cannot.
    const grants = await db.select().from(roleGrants).where(eq(roleGrants.role, 'admin'));
    const others = grants.filter((g) => g.userId !== adminId);
    for (const g of others) expect((await revokeRole(adminId, g.id)).ok).toBe(true);
    const [last] = await db.select().from(roleGrants).where(eq(roleGrants.role, 'admin'));
    expect(await revokeRole(adminId, last!.id)).toEqual({ ok: false, errors: { grantId: 'admin.lastAdmin' } });
    // Nor can the last admin delete their own account (asked before the password, so a wrong one deletes nothing either way).
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const refused = await admin.post('/me/data', { understood: 'yes', password: 'not-the-admin-password' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('You are the city&#x27;s last administrator');
    expect((await admin.get('/me')).status).toBe(200);
  });
});

describe('notifications in the header', () => {
  it('counts unread notifications and marks them read', async () => {
    const { browser } = await newResident('unread');
    expect(await (await browser.get('/')).text()).toMatch(/class="count-pill" aria-label="1 unread">1</);
    const list = await (await browser.get('/me/notifications')).text();
    const id = /name="id" value="(\d+)"/.exec(list)![1]!;
    expect((await browser.post('/me/notifications', { id })).status).toBe(302);
    const after = await (await browser.get('/')).text();
    expect(after).not.toContain('count-pill');
  });
});
