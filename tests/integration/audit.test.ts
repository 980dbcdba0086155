import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser } from '../support/app';

afterAll(closeConnections);

describe('the audit log', () => {
  it('records an admin action with who, what, target, before and after', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const day = `2031-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
    expect((await admin.post('/admin/holidays', { day, nameRu: 'Тестовый день', nameEn: 'Test day' })).status).toBe(302);
    const [entry] = await sql<{ action: string; email: string; target_id: string; after: { nameEn: string } }[]>`
      SELECT a.action, u.email, a.target_id, a.after FROM audit_log a JOIN users u ON u.id = a.actor_id
      WHERE a.target_type = 'holiday' AND a.target_id = ${day} ORDER BY a.id DESC LIMIT 1`;
    expect(entry).toMatchObject({ action: 'holiday.save', email: 'admin@demo.vmeste.city', target_id: day, after: { nameEn: 'Test day' } });
    expect(await (await admin.get('/admin/audit')).text()).toContain('holiday.save');
  });

  it('is append-only for the app role: INSERT and SELECT work, UPDATE, DELETE and TRUNCATE are refused', async () => {
    const [who] = await sql<{ current_user: string }[]>`SELECT current_user`;
    expect(who?.current_user).toBe('vmeste_app');
    const [row] = await sql<{ id: string }[]>`INSERT INTO audit_log (action, target_type, target_id) VALUES ('test.append', 'test', '1') RETURNING id`;
    expect(Number(row?.id)).toBeGreaterThan(0);
    await expect(sql`UPDATE audit_log SET action = 'tampered' WHERE id = ${row!.id}`).rejects.toThrow(/permission denied/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${row!.id}`).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE audit_log`).rejects.toThrow(/permission denied/);
    const [still] = await sql<{ action: string }[]>`SELECT action FROM audit_log WHERE id = ${row!.id}`;
    expect(still?.action).toBe('test.append');
  });

  it('cannot be escaped by the app role changing its own grants', async () => {
    // Without the grant option Postgres grants nothing (a warning, not an error): UPDATE stays refused.
    await sql`GRANT UPDATE, DELETE ON audit_log TO vmeste_app`.catch(() => undefined);
    await expect(sql`UPDATE audit_log SET action = 'tampered' WHERE action = 'test.append'`).rejects.toThrow(/permission denied/);
  });
});
