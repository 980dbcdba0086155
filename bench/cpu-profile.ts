// Reads a V8 CPU profile (`.cpuprofile`, as `node --cpu-prof` or the inspector's Profiler writes it) and prints where
// the time went: the top frames by self time, the same summed by where the code lives (a package, the app's build,
// Node's internals, the garbage collector), and the top frames by total time (the frame or anything it called).
import { readFileSync } from 'node:fs';
import { printTable } from './harness';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Where a frame's code lives: an npm package, the app's server build, Node itself, or V8's own work. */
export function codeArea(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node: (runtime)';
  if (url.includes('/build/server/')) return 'the app (build/server)';
  if (url.includes('/scripts/')) return 'scripts/serve.mjs';
  return url.replace(/^file:\/\//, '');
}

const frameName = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/build\//, 'build/').replace(/^node:/, 'node:');
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
};

export type ProfileSummary = { busyMs: number; idleMs: number; selfFrames: [string, number][]; areas: [string, number][]; totalFrames: [string, number][] };

/** Self and total time per frame and self time per code area, in ms, busy time only (idle excluded). */
export function summarizeCpuProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idle += ms;
      return;
    }
    // Stopping the profiler (serialising what it took, at the end) is not the server's work.
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
    if (stack.some((frame) => frame.callFrame.url === 'node:inspector')) return;
    busy += ms;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + ms);
    const area = codeArea(node.callFrame.url, node.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    // Total time: every distinct frame on this sample's stack, counted once (recursion would count it twice).
    const seen = new Set(stack.filter((frame) => frame.callFrame.functionName !== '(root)').map(frameName));
    for (const f of seen) total.set(f, (total.get(f) ?? 0) + ms);
  });
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { busyMs: busy, idleMs: idle, selfFrames: top(self), areas: top(areas), totalFrames: top(total) };
}

/** Prints a summary as three Markdown tables (percentages of the busy time). */
export function printCpuProfile(label: string, files: string[]): void {
  const summaries = files.map(summarizeCpuProfile);
  const busy = summaries.reduce((s, p) => s + p.busyMs, 0);
  const idle = summaries.reduce((s, p) => s + p.idleMs, 0);
  const merge = (pick: (p: ProfileSummary) => [string, number][], n: number) => {
    const m = new Map<string, number>();
    for (const p of summaries) for (const [k, v] of pick(p)) m.set(k, (m.get(k) ?? 0) + v);
    return [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k.slice(0, 110), `${v.toFixed(0)} ms`, `${((100 * v) / busy).toFixed(1)} %`]);
  };
  console.log(`\nCPU profile, ${label}: ${files.length} web process(es), busy ${busy.toFixed(0)} ms, idle ${idle.toFixed(0)} ms (${((100 * busy) / (busy + idle || 1)).toFixed(0)} % busy)`);
  printTable(['where the code lives (self time)', 'ms', 'of busy'], merge((p) => p.areas, 12));
  console.log('');
  printTable(['frame (self time)', 'ms', 'of busy'], merge((p) => p.selfFrames, 15));
  console.log('');
  printTable(['frame (total time: it and what it called)', 'ms', 'of busy'], merge((p) => p.totalFrames, 25));
}

// `npx tsx bench/cpu-profile.ts <file.cpuprofile>…`: the same summary for profiles taken by hand.
if (process.argv[1]?.endsWith('cpu-profile.ts') && process.argv.length > 2) printCpuProfile(process.argv.slice(2).join(', '), process.argv.slice(2));
