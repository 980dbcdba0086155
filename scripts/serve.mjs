// The production web server: the Remix build behind Express, with the client's address in the load context.
// WEB_CONCURRENCY > 1 runs that many server processes on the one port (node:cluster; the primary only forks and
// restarts them); unset, production runs one per core (os.availableParallelism()) and anything else one. They share nothing in memory that matters: sessions, limits and live tallies are in Postgres/Redis.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { createRequestHandler } from '@remix-run/express';
import { createRequestHandler as createFetchHandler } from '@remix-run/node';
import { Queue } from 'bullmq';
import express from 'express';
import { Cluster, Redis } from 'ioredis';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { root } from './services.mjs';

const allowedMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const webProcesses = Math.max(1, Number(process.env.WEB_CONCURRENCY || (process.env.NODE_ENV === 'production' ? availableParallelism() : 1)));
const processes = webProcesses;
if (cluster.isPrimary && processes > 1) runPrimary();
else await serve();

function runPrimary() {
  let stopping = false;
  console.log(`[web] ${processes} server processes (${process.env.WEB_CONCURRENCY ? 'WEB_CONCURRENCY' : 'one per core'})`);
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`[web] server process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Each server process takes its own CPU profile (scripts/cpu-profile-on-signal.mjs): the signal goes on to them.
  if (process.env.CPU_PROFILE_DIR) process.on('SIGUSR2', () => Object.values(cluster.workers ?? {}).forEach((worker) => worker?.process.kill('SIGUSR2')));
}

async function serve() {
  // Benchmarks only (`bench:votes --cpu-prof`): the profiler's code is not even loaded otherwise.
  if (process.env.CPU_PROFILE_DIR) (await import('./cpu-profile-on-signal.mjs')).cpuProfileOnSignal(process.env.CPU_PROFILE_DIR);
  const build = await import(join(root, 'build/server/index.js'));
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer set TRUST_PROXY (e.g. "loopback" or a hop count) so req.ip is the client's.
  app.set('trust proxy', process.env.TRUST_PROXY ?? false);
  // Safe defaults on every response (documents add their Content-Security-Policy in app/entry.server.tsx).
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(), microphone=()');
    // HSTS only over TLS (directly, or through a proxy trusted with TRUST_PROXY): on plain http it would be ignored.
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  // Methods a web page never uses (TRACE echoes the request, headers and all) are refused before anything else.
  app.use((req, res, next) => {
    if (allowedMethods.has(req.method)) return next();
    res.status(405).setHeader('Allow', [...allowedMethods].join(', ')).type('text/plain').send(`The method ${req.method} is not allowed`);
  });
  // A form post from another site is refused here, whatever the route: only the APIs (API keys, no cookies) take
  // requests from other origins. A browser names the page's origin in Origin on every POST (older ones send
  // Sec-Fetch-Site); the page's own origin is APP_URL's or, as the browser addressed it, the Host it was served from.
  const appOrigin = process.env.APP_URL ? new URL(process.env.APP_URL).origin : null;
  app.use((req, res, next) => {
    if (safeMethods.has(req.method) || /^\/(api|open311)\//.test(req.path)) return next();
    const origin = req.get('origin');
    const crossOrigin = origin ? origin !== appOrigin && origin !== `${req.protocol}://${req.get('host')}` : req.get('sec-fetch-site') === 'cross-site';
    if (!crossOrigin) return next();
    res.status(403).type('text/plain').send('A form from another site cannot be sent here');
  });
  // Read-your-writes with a replica (ADR 051): a successful write stamps the writer with its time, and their public
  // reads stay on the primary until the replica has replayed past it (app/utils/read-replica.server.ts), or for
  // DATABASE_REPLICA_MAX_LAG_MS at most, after which a replica still further behind is bypassed anyway.
  if (process.env.DATABASE_REPLICA_URL) {
    const maxLagSeconds = Math.max(1, Math.ceil(Number(process.env.DATABASE_REPLICA_MAX_LAG_MS || 5000) / 1000));
    const secure = process.env.APP_URL?.startsWith('https:') ? '; Secure' : '';
    app.use((req, res, next) => {
      if (safeMethods.has(req.method)) return next();
      const writeHead = res.writeHead;
      res.writeHead = function stampWrite(status, ...rest) {
        const code = typeof status === 'number' ? status : res.statusCode;
        if (code < 400 && !res.headersSent) res.appendHeader('Set-Cookie', `vmeste_wrote=${Date.now()}; Path=/; Max-Age=${maxLagSeconds}; HttpOnly; SameSite=Lax${secure}`);
        return writeHead.call(this, status, ...rest);
      };
      next();
    });
  }
  app.use('/assets', express.static(join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(join(root, 'build/client'), { maxAge: '1h' }));
  // /admin/queues: BullMQ's dashboard (bull-board) for admins. Who may see it is decided by the app itself:
  // an in-process request to /admin/queues-access answers 200, or the app's own redirect or 403 page.
  const remix = createFetchHandler(build, 'production');
  // Each request in a scope of its own (app/utils/request-scope.server.ts): its action and loaders read the session once.
  const remixHandler = createRequestHandler({ build, getLoadContext: (req, res) => res.locals.loadContext });
  const remixInRequestScope = (req, res, next) => build.entry.module.runInRequestScope(() => remixHandler(req, res, next));
  // Every queue the tools declare, and the maintenance queue, as the registry names them (exported by app/entry.server.tsx).
  const queueNames = build.entry.module.queueNames;
  // As app/utils/redis.server.ts connects (one Redis, or a Redis Cluster) and names each queue's prefix (ADR 042).
  const clusterNodes = (process.env.REDIS_CLUSTER_NODES ?? '').split(',').map((node) => node.trim()).filter(Boolean);
  const redis = clusterNodes.length
    ? new Cluster(clusterNodes.map((node) => ({ host: node.split(':')[0], port: Number(node.split(':')[1]) })), { lazyConnect: true, redisOptions: { maxRetriesPerRequest: null } })
    : new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:63799', { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on('error', () => {});
  const queuePrefix = (name) => `{${(process.env.QUEUE_PREFIX || '{vmeste}').replace(/[{}]/g, '')}-${name}}`;
  // Read-only (look, never retry, remove or pause) unless an operator deliberately sets QUEUES_DASHBOARD_WRITABLE=true.
  const queuesWritable = process.env.QUEUES_DASHBOARD_WRITABLE === 'true';
  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({
    queues: queueNames.map((name) => new BullMQAdapter(new Queue(name, { connection: redis, prefix: queuePrefix(name) }), { readOnlyMode: !queuesWritable })),
    serverAdapter: board,
  });
  // bull-board's page loads its own scripts and styles from /admin/queues/static; nothing else (its web fonts neither).
  const queuesCsp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  app.use('/admin/queues', async (req, res, next) => {
    const access = await remix(new Request('http://app/admin/queues-access', { headers: { cookie: req.headers.cookie ?? '', 'accept-language': req.headers['accept-language'] ?? '' } }), { clientIp: req.ip ?? null });
    if (access.status === 200) {
      res.setHeader('Content-Security-Policy', queuesCsp);
      res.setHeader('Cache-Control', 'private, no-store');
      if (!queuesWritable && req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return res.status(405).json({ error: 'The queues dashboard is read-only (QUEUES_DASHBOARD_WRITABLE is not true).' });
      }
      return next();
    }
    res.status(access.status);
    access.headers.forEach((value, key) => res.setHeader(key, key === 'location' ? value.replace(/queues-access/g, 'queues') : value));
    res.send(Buffer.from(await access.arrayBuffer()));
  }, board.getRouter());

  // A request still without an answer after REQUEST_TIMEOUT_MS gets a clear 503 instead of hanging: when Postgres
  // restarts, a query can wait on a connection for many seconds (postgres.js #1193). Streams (SSE, exports) have
  // sent their headers long before and are left alone; a late answer to a request already answered is dropped.
  const requestTimeoutMs = Number(process.env.REQUEST_TIMEOUT_MS ?? 10_000);
  const unavailableHtml = `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Сервис временно недоступен — Service temporarily unavailable</title></head>
  <body><main><h1>Сервис временно недоступен</h1><p>Попробуйте ещё раз через минуту.</p><h1 lang="en">Service temporarily unavailable</h1><p lang="en">Please try again in a minute.</p></main></body></html>`;
  app.use((req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      // Logged, unlike a page's own answer: this 503 says only that something waited, so the log must say what did.
      console.error(`[web] no answer within ${requestTimeoutMs} ms: ${req.method} ${req.path} (503)`);
      res.status(503).setHeader('Retry-After', '10');
      if (req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') res.json({ error: { code: 'unavailable', message: 'The service is briefly unavailable; try again in a few seconds.' } });
      else res.type('html').send(unavailableHtml);
    }, requestTimeoutMs);
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  });
  // A request that failed because the database was down or read-only (app/entry.server.tsx notes it) is a 503 with
  // Retry-After, for pages and resource routes alike, never a bare 500.
  app.all('*', (req, res, next) => {
    const context = { clientIp: req.ip ?? null };
    res.locals.loadContext = context;
    const setStatus = res.status.bind(res);
    res.status = (code) => {
      if (code === 500 && context.databaseUnavailable) {
        res.setHeader('Retry-After', '10');
        return setStatus(503);
      }
      return setStatus(code);
    };
    next();
  }, remixInRequestScope);
  // The late answer of a request the timeout above already answered is dropped here: Express's default handler
  // would destroy the socket, and with it the next request a keep-alive client sent on it.
  app.use((error, req, res, next) => {
    if (res.headersSent && error?.code === 'ERR_HTTP_HEADERS_SENT') return;
    next(error);
  });

  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, '0.0.0.0', () => console.log(`[web] listening on http://localhost:${port}`));
  // The load balancer reuses its idle connections to this process: it must be the one to close them, never this
  // process. Node's default (5 s idle) raced HAProxy under load, and a request sent on a connection Node was closing
  // went unanswered: HAProxy then closes the client's connection without an answer (docs/deploy.md). Above HAProxy's
  // bounds (deploy/haproxy.cfg: 60 s client, 30 s server) and an AWS ALB's 60 s; headers must be allowed a little more.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = server.keepAliveTimeout + 1000;
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
