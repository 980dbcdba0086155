// `npm run test:dates`: the tests whose data depend on the calendar day (the demo seed is relative to the day it is
// seeded), run once per faked day: each day of the coming week and both sides of the new year in the city's zone.
// Postgres, Redis, the seed and the tests all run under libfaketime with one offset, so they agree on "now".
// `npm run test:dates -- 2027-03-28T01:30:00Z …` runs chosen moments instead. Needs Debian's faketime (installed
// here when missing, as root). Not part of `npm test`: it re-seeds once per day (about a minute and a half each).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureNodeLts } from './node-lts.mjs';
import { stopServices } from './services.mjs';

await ensureNodeLts();

const library = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/faketime/libfaketime.so.1`;
if (!existsSync(library)) {
  const installed = spawnSync('sh', ['-c', 'apt-get install -y -qq faketime || (apt-get update -qq && apt-get install -y -qq faketime)'], { stdio: 'inherit' });
  if (installed.status !== 0 || !existsSync(library)) {
    console.error('[dates] libfaketime is missing: apt-get install faketime');
    process.exit(1);
  }
}

/** Files whose assertions read the demo's history against today's date. */
const files = ['tests/integration/stats.test.ts', 'tests/integration/feedback.test.ts', 'tests/integration/votes.test.ts', 'tests/integration/ideas.test.ts'];

const DAY = 86_400_000;
function defaultMoments() {
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  // Noon UTC on each of the next seven days: every weekday once.
  const week = Array.from({ length: 7 }, (_, i) => new Date(Math.floor(now / DAY) * DAY + (i + 1) * DAY + 12 * 3_600_000));
  // 22:30 UTC on 31 December is already the new year east of UTC (the demo city), and 00:30 on 1 January after it.
  return [...week, new Date(Date.UTC(year, 11, 31, 22, 30)), new Date(Date.UTC(year + 1, 0, 1, 0, 30))];
}

const moments = process.argv.length > 2 ? process.argv.slice(2).map((s) => new Date(s)) : defaultMoments();
if (moments.some((m) => Number.isNaN(m.getTime()))) {
  console.error('[dates] each argument must be a date, e.g. 2027-01-01T00:30:00Z');
  process.exit(2);
}

const results = [];
for (const moment of moments) {
  const offset = Math.round((moment.getTime() - Date.now()) / 1000);
  const label = `${moment.toISOString()} (${moment.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' })})`;
  console.log(`\n[dates] ${label}: clock moved by ${offset} s`);
  // Servers left from an earlier run keep that run's clock: each day starts its own.
  stopServices('dates');
  const run = spawnSync(process.execPath, ['scripts/test.mjs', ...files], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: {
      ...process.env,
      VMESTE_TEST_PROFILE: 'dates',
      LD_PRELOAD: library,
      FAKETIME: `${offset >= 0 ? '+' : ''}${offset}`,
      // Timers and timeouts keep the real monotonic clock.
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      FAKETIME_NO_CACHE: '1',
    },
    maxBuffer: 256 * 1024 * 1024,
  });
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(run.stdout ?? '');
  const failures = (run.stdout ?? '').split('\n').filter((line) => /(FAIL|AssertionError|×)/.test(line)).slice(0, 10);
  results.push({ label, ok: run.status === 0, summary: summary?.[0] ?? `exit ${run.status}`, failures });
  console.log(`[dates] ${label}: ${summary?.[0] ?? `exit ${run.status}`}`);
  for (const line of failures) console.log(`    ${line}`);
}

console.log('\n[dates] summary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.label}  ${r.summary}`);
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
