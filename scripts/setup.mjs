// Shared steps of `npm run demo` and `npm test`: dependencies, services, migrations. No npm dependencies here.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './services.mjs';

const stampFile = join(root, 'node_modules', '.vmeste-lock-hash');

/** Runs `npm ci` when node_modules is missing or was installed from another package-lock.json. */
export function ensureNodeModules() {
  const lockHash = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === lockHash) return;
  console.log('[setup] installing npm dependencies (npm ci)');
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  } catch {
    // npm ci refuses a lock file that lacks other platforms' optional binaries (rollup, esbuild) when the
    // registry mirror does not carry them; `npm install` installs the same locked versions for this one.
    console.log('[setup] npm ci refused the lock file; installing the locked versions with npm install');
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  }
  writeFileSync(stampFile, lockHash);
}

/** Runs a project binary (node_modules/.bin) or node script, inheriting output; throws on failure. */
export function run(command, args, env = {}) {
  const bin = existsSync(join(root, 'node_modules', '.bin', command)) ? join(root, 'node_modules', '.bin', command) : command;
  const result = spawnSync(bin, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

export function migrate(env) {
  run('tsx', ['db/migrate.ts'], env);
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the web app unless build/ is newer than every source it comes from. */
export function buildIfStale(env) {
  const output = join(root, 'build', 'server', 'index.js');
  const sources = ['app', 'db/schema', 'vite.config.ts', 'package-lock.json'].map((p) => join(root, p));
  if (existsSync(output) && statSync(output).mtimeMs > Math.max(...sources.map(newestMtime))) return;
  console.log('[setup] building the web app');
  run('remix', ['vite:build'], env);
}
