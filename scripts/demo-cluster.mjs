// `npm run demo:cluster`: the demo city on the topology of issue 16 (ADR 051): installs what is missing (Postgres,
// Redis, HAProxy, PgBouncer), migrates and seeds the demo database once, builds, then starts the hot standby,
// PgBouncer in front of each Postgres, the Redis Cluster, s3rver, WEB_PROCESSES web processes (2) and
// WORKER_PROCESSES workers (2) behind HAProxy on PORT (3000). Prints where each part listens; Ctrl-C stops all.
import { ensureClusterPackages, startTopology, stopTopology } from './cluster.mjs';
import { ensureNodeLts } from './node-lts.mjs';
import { ensureSystemPackages, startServices, stopServices } from './services.mjs';
import { buildIfStale, demoSessionSecret, demoVapidKeys, ensureNodeModules, migrate, run } from './setup.mjs';


await ensureNodeLts();
ensureSystemPackages();
ensureClusterPackages();
ensureNodeModules();
const { databaseUrl, ownerUrl, redisUrl, started } = startServices('demo');
const port = process.env.PORT ?? '3000';
const base = { ...demoVapidKeys(), SESSION_SECRET: demoSessionSecret(), APP_URL: process.env.APP_URL || `http://localhost:${port}`, SMTP_URL: process.env.SMTP_URL ?? '' };
try {
  // Migrations and the seed go straight to the primary (session-level locks; PgBouncer is for the app's traffic).
  migrate({ DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: ownerUrl, REDIS_URL: redisUrl });
  run('tsx', ['db/seed/index.ts'], { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, ...base });
  buildIfStale({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, ...base });
} catch (error) {
  console.error(`[demo:cluster] ${error.message}`);
  stopServices('demo', started);
  process.exit(1);
}

let topology;
try {
  topology = await startTopology('demo', { webs: Number(process.env.WEB_PROCESSES ?? 2), workers: Number(process.env.WORKER_PROCESSES ?? 2), port, base });
} catch (error) {
  console.error(`[demo:cluster] ${error.message}`);
  await stopTopology('demo');
  stopServices('demo', started);
  process.exit(1);
}
console.log(`\n  Vmeste is running as a cluster at http://localhost:${port}\n`);
for (const [part, where] of topology.parts) console.log(`    ${part.padEnd(44)} ${where}`);
console.log(`\n  curl http://localhost:${port}/healthz names the parts each web process reaches. Ctrl-C stops them all.\n`);

let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  await stopTopology('demo');
  stopServices('demo', started);
  process.exit(0);
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
setInterval(() => {}, 60_000);
