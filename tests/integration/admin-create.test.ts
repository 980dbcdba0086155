// `npm run admin:create`: the first admin of a city that has no demo seed, made from the server's command line.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, uniqueEmail } from '../support/app';
import { projectRoot } from '../support/processes';

afterAll(closeConnections);

const run = promisify(execFile);

async function adminCreate(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(join(projectRoot, 'node_modules/.bin/tsx'), [join(projectRoot, 'scripts/create-admin.ts'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, ADMIN_PASSWORD: '', ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

const production = { NODE_ENV: 'production', APP_URL: 'https://vmeste.example.city' };

describe('npm run admin:create', () => {
  it('makes a new admin with a password from the environment, who then signs in and administers', async () => {
    const email = uniqueEmail('first-admin');
    const made = await adminCreate(['--email', email, '--name', 'First Admin'], { ...production, ADMIN_PASSWORD: 'a-fresh-admin-password' });
    expect(made, made.output).toMatchObject({ code: 0 });
    expect(made.output).toContain('account created; now an administrator');
    const browser = new Browser();
    await browser.signIn(email, 'a-fresh-admin-password');
    expect((await browser.get('/admin/users')).status).toBe(200);
    const audit = await sql<{ action: string }[]>`SELECT a.action FROM audit_log a JOIN users u ON u.id::text = a.target_id WHERE u.email = ${email}`;
    expect(audit.map((a) => a.action)).toEqual(['role.bootstrap']);
  });

  it('reads the password from a file, and gives an existing account the role and the new password', async () => {
    const email = uniqueEmail('promoted-admin');
    expect((await new Browser().post('/register', { name: 'Already Here', email, password: 'the-old-password-1' })).status).toBe(302);
    const dir = mkdtempSync(join(tmpdir(), 'admin-'));
    writeFileSync(join(dir, 'password'), 'the-new-password-1\n');
    const made = await adminCreate(['--email', email, '--password-file', join(dir, 'password')]);
    expect(made, made.output).toMatchObject({ code: 0 });
    expect(made.output).toContain('existing account, password replaced, signed out everywhere; now an administrator');
    expect((await new Browser().post('/sign-in', { email, password: 'the-old-password-1' })).status).toBe(400);
    const browser = new Browser();
    await browser.signIn(email, 'the-new-password-1');
    expect((await browser.get('/admin/users')).status).toBe(200);
  });

  it('refuses the demo password in production, and a short one anywhere, making no one admin', async () => {
    const email = uniqueEmail('demo-password');
    const demo = await adminCreate(['--email', email], { ...production, ADMIN_PASSWORD: 'vmeste-demo-2026' });
    expect(demo.code).toBe(1);
    expect(demo.output).toContain('password: This password is published with the demo: choose another');
    const short = await adminCreate(['--email', email], { ADMIN_PASSWORD: 'short' });
    expect(short.code).toBe(1);
    expect(short.output).toContain('password: Must be at least 10 characters');
    expect(await sql`SELECT 1 FROM users WHERE email = ${email}`).toHaveLength(0);
    expect((await adminCreate(['--name', 'Nobody'])).code).toBe(2);
  });
});
