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

  it('stays append-only, with the ledgers and the ballot casts, after the app connection resets its role', async () => {
    const [row] = await sql<{ id: string }[]>`INSERT INTO audit_log (action, target_type, target_id) VALUES ('test.reset-role', 'test', '1') RETURNING id`;
    const [person] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = 'resident@demo.vmeste.city'`;
    const [points] = await sql<{ id: string }[]>`INSERT INTO points_ledger (user_id, delta, reason) VALUES (${person!.id}, 1, 'idea') RETURNING id`;
    const [cast] = await sql<{ ballot_id: number; receipt_hash: string }[]>`SELECT ballot_id, receipt_hash FROM ballot_casts LIMIT 1`;
    expect(cast, 'the demo has an open ballot with casts').toBeDefined();
    const key = [cast!.ballot_id, cast!.receipt_hash];
    const tampering: [string, unknown[]][] = [
      ['UPDATE audit_log SET action = $2 WHERE id = $1', [row!.id, 'tampered']],
      ['DELETE FROM audit_log WHERE id = $1', [row!.id]],
      ['UPDATE points_ledger SET delta = 1000 WHERE id = $1', [points!.id]],
      ['DELETE FROM points_ledger WHERE id = $1', [points!.id]],
      ["UPDATE ballot_casts SET choices = '{}' WHERE ballot_id = $1 AND receipt_hash = $2", key],
      ['DELETE FROM ballot_casts WHERE ballot_id = $1 AND receipt_hash = $2', key],
      ['DELETE FROM ballot_ledger WHERE ballot_id = $1', [cast!.ballot_id]],
    ];
    const connection = await sql.reserve();
    try {
      for (const escape of ['RESET ROLE', 'SET ROLE NONE']) {
        await connection.unsafe(escape);
        const [who] = await connection<{ current_user: string }[]>`SELECT current_user`;
        expect(who?.current_user, escape).toBe('vmeste_app');
        for (const [text, params] of tampering) {
          await expect(connection.unsafe(text, params as never[]), `${escape}; ${text}`).rejects.toThrow(/permission denied/);
        }
      }
      // Nor can it become the owner, nor discard the casts of a ballot that is not sealed.
      await expect(connection.unsafe('SET ROLE vmeste')).rejects.toThrow(/permission denied/);
      await expect(connection.unsafe('SELECT discard_sealed_casts($1)', [cast!.ballot_id])).rejects.toThrow(/not sealed/);
    } finally {
      connection.release();
    }
    const [still] = await sql<{ action: string }[]>`SELECT action FROM audit_log WHERE id = ${row!.id}`;
    expect(still?.action).toBe('test.reset-role');
    const [kept] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ballot_casts WHERE ballot_id = ${cast!.ballot_id} AND receipt_hash = ${cast!.receipt_hash}`;
    expect(kept?.n).toBe(1);
  });

  it('cannot be escaped by the app role changing its own grants', async () => {
    // Without the grant option Postgres grants nothing (a warning, not an error): UPDATE stays refused.
    await sql`GRANT UPDATE, DELETE ON audit_log TO vmeste_app`.catch(() => undefined);
    await expect(sql`UPDATE audit_log SET action = 'tampered' WHERE action = 'test.append'`).rejects.toThrow(/permission denied/);
  });
});
