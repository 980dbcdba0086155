// The Node the project runs on: the current LTS. On a machine whose Node is older, `npm run demo` and `npm test`
// bring that LTS's binary from the npm registry (the `node` package's per-platform binary package) into .node/
// and run themselves again under it, with it first on PATH so npm, tsx, vitest and the servers use it too.
// Plain Node with no dependencies: it runs before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './services.mjs';

/** The LTS the project is tested on; `engines` in package.json asks for this major. */
export const nodeLts = '24.22.3';
const wantedMajor = Number(nodeLts.split('.')[0]);

const ltsDir = join(root, '.node');
const binaryPackage = `node-${process.platform}-${process.arch}`;
const ltsBinary = join(ltsDir, 'node_modules', binaryPackage, 'bin', 'node');

function versionOf(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : null;
}

/**
 * Returns when this process already runs on Node ≥ the LTS's major. Otherwise installs the LTS into .node/ (once)
 * and runs the calling script again under it, exiting with its exit code: the caller's code after this never runs.
 */
export async function ensureNodeLts() {
  if (Number(process.versions.node.split('.')[0]) >= wantedMajor) return;
  if (versionOf(ltsBinary) !== nodeLts) {
    console.log(`[setup] Node ${process.versions.node} is past its end of life: bringing Node ${nodeLts} (${binaryPackage}) into .node/`);
    const installed = spawnSync('npm', ['install', '--prefix', ltsDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${binaryPackage}@${nodeLts}`], { stdio: 'inherit' });
    if (installed.status !== 0 || !existsSync(ltsBinary)) {
      console.error(`[setup] could not install ${binaryPackage}@${nodeLts} from the npm registry; install Node ${wantedMajor} yourself and run the command again`);
      process.exit(1);
    }
  }
  const child = spawn(ltsBinary, process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${dirname(ltsBinary)}:${process.env.PATH ?? ''}` },
  });
  // Ctrl-C reaches the child through the terminal; this process only waits for it and passes on a SIGTERM.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  const code = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  process.exit(code);
}
