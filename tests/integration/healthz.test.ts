import type { ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, startWeb, stopProcess } from '../support/processes';

const redisPort = 63900 + Math.floor(Math.random() * 90);
const webPort = 3900 + Math.floor(Math.random() * 90);
const redis = startPrivateRedis(redisPort);
let web: ChildProcess;

beforeAll(async () => {
  web = await startWeb(webPort, { REDIS_URL: redis.url });
});
afterAll(async () => {
  await stopProcess(web);
  redis.stop();
});

const health = async () => {
  const response = await fetch(`http://127.0.0.1:${webPort}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; postgres: string; redis: string; down: string[] } };
};
// Names the process that answered, so an operator behind a load balancer sees which one it was.
const healthy = () => ({ status: 'ok', postgres: 'up', redis: 'up', media: { store: 'postgres', state: 'up' }, web: `${hostname()}:${web.pid}`, down: [] });

describe('GET /healthz', () => {
  it('answers 200 when Postgres and Redis are up', async () => {
    expect(await health()).toEqual({ status: 200, body: healthy() });
  });

  it('answers 503 naming Redis when Redis is stopped, and 200 again once it is back, without a restart', async () => {
    redis.stop();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'down', postgres: 'up', redis: 'down', down: ['redis'] });
    // Pages that do not need Redis keep working meanwhile.
    expect((await fetch(`http://127.0.0.1:${webPort}/`)).status).toBe(200);
    redis.start();
    let again = await health();
    for (let i = 0; i < 30 && again.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      again = await health();
    }
    expect(again).toEqual({ status: 200, body: healthy() });
  });
});
