// `npm run bench:replica-stop [-- --seconds 12] [--clients 32] [--webs 1]` — the smallest run of bench:scale's
// "replica stopped" round, watched from both sides (ADR 066): public reads through HAProxy while the hot standby is
// stopped a third of the way in, and each web process's own /healthz (status, time, what it says) sampled every
// 250 ms beside them. HAProxy's log (server up/down) goes to stderr. Prints what answered each read, before and after
// the stop, and every health sample that was not a quick 200.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startTopology, stopReplica, stopTopology, topologyPorts } from '../scripts/cluster.mjs';
import { buildIfStale, migrate } from '../scripts/setup.mjs';
import { flag, intOption, log, openBenchSession } from './harness';

const seconds = intOption('seconds', 12);
const clients = intOption('clients', 32);
const webs = intOption('webs', 1);
const keep = flag('keep');
const bench = openBenchSession({ keep });
const { benchEnv } = bench;
const ports = topologyPorts('bench') as { balancer: number; web: (i: number) => number };
const balancer = `http://127.0.0.1:${ports.balancer}`;
const publicReads = ['/reports/map.json?west=37.3&south=55.5&east=37.9&north=55.9&zoom=11', '/reports', '/api/v1/reports', '/open311/v2/requests.json'];

async function main() {
  log(`${cpus().length} CPUs; load before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  migrate(benchEnv);
  const { seedDemoCity } = await import('#db/seed/index');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  bench.state.closeApp = async () => {
    // With --keep the parts' logs (web-1.log, HAProxy's on stderr aside) stay in the run directory.
    await stopTopology('bench', { wipe: !keep });
    await closeConnections();
  };
  log(`demo city: ${await seedDemoCity()}`);
  buildIfStale(benchEnv);
  const base = { SESSION_SECRET: benchEnv.SESSION_SECRET, RATE_LIMIT_SCALE: benchEnv.RATE_LIMIT_SCALE, SMTP_URL: '', QUEUE_PREFIX: '{scale}', SWEEP_EVERY_MS: '3600000', APP_URL: balancer, REQUEST_TIMEOUT_MS: '25000' };
  await startTopology('bench', { webs, workers: 0, base, freshReplica: true });
  log(`${webs} web process(es) behind HAProxy; ${clients} readers for ${seconds} s, the standby stopped after ${Math.round(seconds / 3)} s`);

  const start = performance.now();
  const until = start + seconds * 1000;
  let stoppedAt = Infinity;
  const outcomes = { before: new Map<string, number>(), after: new Map<string, number>() };
  const count = (key: string, at: number) => {
    const map = at < stoppedAt ? outcomes.before : outcomes.after;
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  const health: string[] = [];
  let next = 0;
  const reader = async () => {
    while (performance.now() < until) {
      const at = performance.now();
      const res = await fetch(`${balancer}${publicReads[next++ % publicReads.length]}`, { headers: { 'Accept-Language': 'en' } }).catch((e: Error) => e);
      if (res instanceof Error) {
        count(`error ${res.message}`, at);
        continue;
      }
      const text = await res.text();
      count(res.ok ? '200' : `HTTP ${res.status} from ${/<h1>\d{3} [^<]*<\/h1>/.test(text) && !text.includes('data-testid') ? 'HAProxy' : 'the app'}`, at);
    }
  };
  const sampler = async (i: number) => {
    while (performance.now() < until) {
      const at = performance.now();
      const res = await fetch(`http://127.0.0.1:${ports.web(i)}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch((e: Error) => e);
      const ms = Math.round(performance.now() - at);
      const said = res instanceof Error ? res.message : `${res.status} ${JSON.stringify(await res.json().catch(() => null))}`;
      if (res instanceof Error || res.status !== 200 || ms > 1000) health.push(`${((at - start) / 1000).toFixed(1)} s web-${i} /healthz ${ms} ms: ${said}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const stopper = new Promise<void>((resolve) =>
    setTimeout(() => {
      stoppedAt = performance.now();
      stopReplica('bench');
      log(`standby stopped at ${((stoppedAt - start) / 1000).toFixed(1)} s`);
      resolve();
    }, (seconds * 1000) / 3),
  );
  await Promise.all([...Array.from({ length: clients }, reader), ...Array.from({ length: webs }, (_, k) => sampler(k + 1)), stopper]);
  const show = (map: Map<string, number>) => [...map].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
  console.log(`\nreads with the standby up: ${show(outcomes.before)}\nreads with it stopped:   ${show(outcomes.after)}`);
  console.log(`health samples that were not a 200 within 1 s: ${health.length}`);
  for (const line of health) console.log(`  ${line}`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await bench.runMain(main);
