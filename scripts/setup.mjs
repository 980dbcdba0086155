// Shared steps of `npm run demo` and `npm test`: dependencies, services, migrations. No npm dependencies here.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profiles, root } from './services.mjs';

const stampFile = join(root, 'node_modules', '.vmeste-lock-hash');

/** Runs `npm ci` when node_modules is missing or was installed from another package-lock.json or other patches/. */
export function ensureNodeModules() {
  // The patches count too: postinstall applies them (patch-package), so a new or changed one needs an install.
  const hash = createHash('sha256').update(readFileSync(join(root, 'package-lock.json')));
  for (const patch of readdirSync(join(root, 'patches')).sort()) hash.update(patch).update(readFileSync(join(root, 'patches', patch)));
  const lockHash = hash.digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === lockHash) return;
  console.log('[setup] installing npm dependencies (npm ci)');
  // npm ci only: it installs exactly the locked versions, and refuses a lock file that disagrees with package.json.
  const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (installed.status !== 0) {
    console.error('[setup] npm ci refused package-lock.json: run `npm install` to bring it in line with package.json, and commit it');
    process.exit(1);
  }
  writeFileSync(stampFile, lockHash);
}

/**
 * Throws unless `npm ci` would accept package.json and package-lock.json as they are, for every platform (a lock file
 * missing another platform's optional binaries is refused there). Checked on a copy, so node_modules is not touched.
 */
export function checkLockFile() {
  const dir = mkdtempSync(join(tmpdir(), 'vmeste-lock-'));
  try {
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(root, file), join(dir, file));
    const result = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) {
      const missing = (result.stderr ?? '').split('\n').filter((line) => /Missing|Invalid|in sync/.test(line)).slice(0, 5).join('\n');
      throw new Error(`npm ci refuses package-lock.json (run \`npm install\` and commit the lock file):\n${missing}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a project binary (node_modules/.bin) or node script, inheriting output; throws on failure. */
export function run(command, args, env = {}) {
  const bin = existsSync(join(root, 'node_modules', '.bin', command)) ? join(root, 'node_modules', '.bin', command) : command;
  const result = spawnSync(bin, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Applies the migrations as the database owner (env.DATABASE_OWNER_URL, else DATABASE_URL). */
export function migrate(env) {
  run('tsx', ['db/migrate.ts'], env);
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds the web app unless build/ is newer than every source it comes from and complete (a build interrupted half-way,
 * or one without the service worker, whose 404 the end-to-end tests would catch).
 */
export function buildIfStale(env) {
  const output = join(root, 'build', 'server', 'index.js');
  const sources = ['app', 'db/schema', 'vite', 'vite.config.ts', 'sw', 'public', 'scripts/build-sw.mjs', 'package-lock.json'].map((p) => join(root, p));
  if (existsSync(output) && existsSync(join(root, 'build', 'client', 'sw.js')) && statSync(output).mtimeMs > Math.max(...sources.map(newestMtime))) return;
  console.log('[setup] building the web app');
  buildApp(env);
}

/** What `npm run build` does: the Remix build, then the icons and the service worker over the built client (ADR 049). */
export function buildApp(env) {
  run('remix', ['vite:build'], env);
  run(process.execPath, [join(root, 'scripts/build-sw.mjs')], env);
}

/** A fresh VAPID key pair for Web Push (ADR 049), base64url as web-push reads it: the raw P-256 point and scalar. */
export function vapidKeys() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { VAPID_PUBLIC_KEY: point.toString('base64url'), VAPID_PRIVATE_KEY: jwk.d };
}

/** The demo's VAPID pair for Web Push (ADR 049), made once and kept beside the demo data like the session secret. */
export function demoVapidKeys() {
  if (process.env.VAPID_PUBLIC_KEY && process.env.VAPID_PRIVATE_KEY) return {};
  const file = join(profiles.demo.dir, 'vapid-keys.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(vapidKeys()), { mode: 0o600 });
  return JSON.parse(readFileSync(file, 'utf8'));
}

// A private session secret for this installation, made once and kept beside the demo data.
export function demoSessionSecret() {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = join(profiles.demo.dir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
