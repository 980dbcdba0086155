// The production web server: the Remix build behind Express, with the client's address in the load context.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { createRequestHandler } from '@remix-run/express';
import { createRequestHandler as createFetchHandler } from '@remix-run/node';
import { Queue } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { root } from './services.mjs';

const build = await import(join(root, 'build/server/index.js'));
const app = express();
app.disable('x-powered-by');
// Behind a load balancer set TRUST_PROXY (e.g. "loopback" or a hop count) so req.ip is the client's.
app.set('trust proxy', process.env.TRUST_PROXY ?? false);
app.use('/assets', express.static(join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }));
app.use(express.static(join(root, 'build/client'), { maxAge: '1h' }));
// /admin/queues: BullMQ's dashboard (bull-board) for admins. Who may see it is decided by the app itself:
// an in-process request to /admin/queues-access answers 200, or the app's own redirect or 403 page.
const remix = createFetchHandler(build, 'production');
// The queue names of app/modules/*/jobs.ts and workers/index.ts.
const queueNames = ['email', 'report-deadlines', 'report-routing', 'ballot-status', 'maintenance'];
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:63799', { maxRetriesPerRequest: null, lazyConnect: true });
redis.on('error', () => {});
const board = new ExpressAdapter();
board.setBasePath('/admin/queues');
createBullBoard({
  queues: queueNames.map((name) => new BullMQAdapter(new Queue(name, { connection: redis, prefix: process.env.QUEUE_PREFIX || '{vmeste}' }), { readOnlyMode: false })),
  serverAdapter: board,
});
app.use('/admin/queues', async (req, res, next) => {
  const access = await remix(new Request('http://app/admin/queues-access', { headers: { cookie: req.headers.cookie ?? '', 'accept-language': req.headers['accept-language'] ?? '' } }), { clientIp: req.ip ?? null });
  if (access.status === 200) return next();
  res.status(access.status);
  access.headers.forEach((value, key) => res.setHeader(key, key === 'location' ? value.replace(/queues-access/g, 'queues') : value));
  res.send(Buffer.from(await access.arrayBuffer()));
}, board.getRouter());

app.all('*', createRequestHandler({ build, getLoadContext: (req) => ({ clientIp: req.ip ?? null }) }));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, '0.0.0.0', () => console.log(`[web] listening on http://localhost:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
