// A CPU profile of a server process's timed phase, for the benchmarks (scripts/serve.mjs loads it with CPU_PROFILE_DIR).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * With CPU_PROFILE_DIR set (benchmarks only, `bench:votes --cpu-prof`), SIGUSR2 starts V8's sampling profiler in
 * this process and the next SIGUSR2 writes what it saw to CPU_PROFILE_DIR/web-<pid>-<n>.cpuprofile (the format of
 * `node --cpu-prof`, readable by Chrome's DevTools): unlike `--cpu-prof`, only the timed phase is in it.
 */
export function cpuProfileOnSignal(dir) {
  let session = null;
  let taken = 0;
  process.on('SIGUSR2', async () => {
    if (!session) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
      return;
    }
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    session = null;
    writeFileSync(join(dir, `web-${process.pid}-${++taken}.cpuprofile`), JSON.stringify(profile));
  });
}
