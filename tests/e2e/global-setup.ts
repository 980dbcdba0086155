// Starts the real web server and workers for the end-to-end journeys, on their own port and queue prefix.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot, startWeb, stopProcess } from '../support/processes';

export default async function setup() {
  const port = Number(process.env.E2E_PORT ?? 3999);
  // E-mails stay in the outbox here; the SMTP path has its own integration test.
  // Map tiles cannot load offline: a local URL that answers 404 keeps the page working without them.
  const env = { QUEUE_PREFIX: '{e2e}', SMTP_URL: '', NODE_ENV: 'production' as const, MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png' };
  const web = await startWeb(port, env);
  const workers: ChildProcess = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['workers/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  return async () => {
    await Promise.all([stopProcess(web), stopProcess(workers)]);
  };
}
