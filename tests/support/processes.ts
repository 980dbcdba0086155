import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');

/** A throwaway redis-server of our own on a free-ish port, for tests that stop it. */
export function startPrivateRedis(port: number): { url: string; stop: () => void; start: () => void; kill9: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vmeste-redis-'));
  const start = () => {
    spawnSync('redis-server', ['--daemonize', 'yes', '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
      spawnSync('sleep', ['0.1']);
    }
    throw new Error(`redis on ${port} did not start`);
  };
  const stop = () => void spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
  // A crash, not a shutdown: no save, no goodbye to clients.
  const kill9 = () => {
    const pid = /process_id:(\d+)/.exec(spawnSync('redis-cli', ['-p', String(port), 'info', 'server'], { encoding: 'utf8' }).stdout)?.[1];
    if (pid) process.kill(Number(pid), 'SIGKILL');
    for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG'; i++) spawnSync('sleep', ['0.1']);
  };
  start();
  return { url: `redis://127.0.0.1:${port}`, stop, start, kill9 };
}

/** Starts the production web server (scripts/serve.mjs) and resolves once it listens. */
export async function startWeb(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(projectRoot, 'scripts/serve.mjs')], { cwd: projectRoot, env: { WEB_CONCURRENCY: '1', ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, () => output);
  return child;
}

export async function waitForHttp(url: string, log: () => string = () => '', ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`${url} did not answer in ${ms} ms\n${log()}`);
}

export function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** Starts the real workers process (workers/index.ts) with extra environment. */
/** The workers as one Node process (tsx as a loader, not its CLI, which would run them in a child that a kill misses). */
export function startWorkers(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}
