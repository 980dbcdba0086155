// Starts the real web server and workers for the end-to-end journeys, on their own port and queue prefix.
// Their output goes to test-results/e2e-*.log, and at the end no secret may appear in it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, startWeb, stopProcess } from '../support/processes';
import { startTestProvider } from '../support/oidc-provider';
import { writePushCertificate } from '../support/push-service';

/** What must never be written to a log: the session secret, the database URL with its password, passwords. */
function secrets(): string[] {
  return [process.env.SESSION_SECRET, process.env.DATABASE_URL, 'vmeste-demo-2026', 'a-long-password'].filter((s): s is string => !!s && s.length >= 8);
}

export default async function setup() {
  const port = Number(process.env.E2E_PORT ?? 3999);
  // E-mails stay in the outbox here; the SMTP path has its own integration test.
  // Map tiles cannot load offline: a local URL that answers 404 keeps the page working without them.
  // The city's identity provider: a local OpenID provider whose logins look like "anna-zavodskoy-1990" (name, district, birth year).
  const provider = await startTestProvider([`http://127.0.0.1:${port}/auth/oidc/callback`], 60, (login) => {
    const [name = login, district, year] = login.split('-');
    return { email: `${login}@id.novograd.test`, email_verified: true, name: name[0]!.toUpperCase() + name.slice(1), district, birth_year: Number(year) };
  });
  const oidc = { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_NAME: 'Novograd ID' };
  const env = { QUEUE_PREFIX: '{e2e}', SMTP_URL: '', NODE_ENV: 'production' as const, APP_URL: `http://127.0.0.1:${port}`, MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png', ...oidc };
  const logDir = join(projectRoot, 'test-results');
  mkdirSync(logDir, { recursive: true });
  const logs = { web: join(logDir, 'e2e-web.log'), workers: join(logDir, 'e2e-workers.log') };
  const web = await startWeb(port, env);
  const webLog = createWriteStream(logs.web);
  web.stdout!.pipe(webLog);
  web.stderr!.pipe(webLog);
  // The workers send push messages; in push.test.ts they go to the test's own push service, served with this certificate.
  const pushCa = writePushCertificate();
  const workers: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env, NODE_EXTRA_CA_CERTS: pushCa },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const workersLog = createWriteStream(logs.workers);
  workers.stdout!.pipe(workersLog);
  workers.stderr!.pipe(workersLog);
  return async () => {
    await Promise.all([stopProcess(web), stopProcess(workers), provider.close()]);
    await Promise.all([webLog, workersLog].map((s) => new Promise((resolve) => s.end(resolve))));
    for (const [name, file] of Object.entries(logs)) {
      const text = readFileSync(file, 'utf8');
      const leaked = secrets().filter((secret) => text.includes(secret));
      if (leaked.length > 0) throw new Error(`the ${name} log (${file}) contains ${leaked.length} secret(s), e.g. one starting "${leaked[0]!.slice(0, 4)}…"`);
    }
  };
}
