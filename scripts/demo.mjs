// `npm run demo`: installs what is missing, starts private Postgres+PostGIS and Redis in .data/,
// migrates, seeds the demo city once, builds, and runs the web server and the workers. Ctrl-C stops all.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemPackages, root, startServices, stopServices } from './services.mjs';
import { buildIfStale, demoSessionSecret, demoVapidKeys, ensureNodeModules, migrate, run } from './setup.mjs';
import { ensureNodeLts } from './node-lts.mjs';

await ensureNodeLts();

ensureSystemPackages();
ensureNodeModules();
const { databaseUrl, ownerUrl, redisUrl, started } = startServices('demo');
const port = process.env.PORT ?? '3000';

const env = { ...demoVapidKeys(), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: port, NODE_ENV: 'production', SESSION_SECRET: demoSessionSecret(), APP_URL: process.env.APP_URL || `http://localhost:${port}` };
try {
  // Only the migrations run as the database owner; the seed, the web server and the workers never get its URL.
  migrate({ ...env, DATABASE_OWNER_URL: ownerUrl });
  run('tsx', ['db/seed/index.ts'], env);
  buildIfStale(env);
} catch (error) {
  console.error(`[demo] ${error.message}`);
  stopServices('demo', started);
  process.exit(1);
}

const children = [
  spawn(process.execPath, [join(root, 'scripts/serve.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }),
  spawn(join(root, 'node_modules/.bin/tsx'), ['workers/index.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }),
];

console.log(`\n  Vmeste is running at http://localhost:${port}\n`);
const accounts = JSON.parse(readFileSync(join(root, 'db/seed/demo-accounts.json'), 'utf8'));
console.log(`  Demo accounts (password for all: ${accounts.password}):`);
for (const person of accounts.people) console.log(`    ${person.label.padEnd(26)} ${person.email}`);
console.log('\n  Ctrl-C stops the web server, the workers and the private databases this command started.\n');

let stopping = false;
function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const waitAll = Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  const timeout = new Promise((r) => setTimeout(r, 10_000));
  Promise.race([waitAll, timeout]).then(() => {
    stopServices('demo', started);
    process.exit(code);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
for (const child of children) child.on('exit', (code) => { if (!stopping) { console.error(`[demo] a process exited (${code}); stopping`); stopAll(1); } });
