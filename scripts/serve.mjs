// The production web server: the Remix build behind Express, with the client's address in the load context.
import { createRequestHandler } from '@remix-run/express';
import express from 'express';
import { join } from 'node:path';
import { root } from './services.mjs';

const build = await import(join(root, 'build/server/index.js'));
const app = express();
app.disable('x-powered-by');
// Behind a load balancer set TRUST_PROXY (e.g. "loopback" or a hop count) so req.ip is the client's.
app.set('trust proxy', process.env.TRUST_PROXY ?? false);
app.use('/assets', express.static(join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }));
app.use(express.static(join(root, 'build/client'), { maxAge: '1h' }));
app.all('*', createRequestHandler({ build, getLoadContext: (req) => ({ clientIp: req.ip ?? null }) }));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, '0.0.0.0', () => console.log(`[web] listening on http://localhost:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
