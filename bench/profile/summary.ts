/**
 * Summarises a V8 CPU profile (node --cpu-prof): self time by package or source folder, and the
 * heaviest functions, so a decision record can say where a request's time goes.
 *
 *   npx tsx bench/profile/summary.ts bench/results/profiles/CPU.*.cpuprofile [--top 30]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const files = args.filter((a, i) => a.endsWith('.cpuprofile') && i !== topIndex + 1);

/** Where a frame's code lives: an npm package, a folder of this repository, or V8/Node itself. */
function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url.split('/')[0]!.replace(/^node:/, 'node:');
  const repo = /\/(server|shared|migrations|bench|tests)\/(.*)$/.exec(url);
  if (repo) return `${repo[1]}/${repo[2]!.split('/').slice(0, -1).join('/') || repo[2]}`;
  return url;
}

const patternIndex = args.indexOf('--match');
/** Which functions the inclusive list shows (default: this repository's code, express and knex). */
const pattern = new RegExp(patternIndex >= 0 ? args[patternIndex + 1]! : '(server|shared)/|express/|knex/|compression|helmet|zod|ajv');

function key(callFrame: Node['callFrame']): string {
  const where = callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|shared)\//, '$1/');
  return `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const a = area(callFrame.url, callFrame.functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    const f = key(callFrame);
    byFunction.set(f, (byFunction.get(f) ?? 0) + us);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(key(byId.get(at)!.callFrame));
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  console.log('\nSelf time by area');
  for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${pct(us)}  ${a}`);
  console.log('\nHeaviest functions (self time)');
  for (const [f, us] of [...byFunction].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${pct(us)}  ${f}`);
  console.log('\nHeaviest functions with what they call (this repository and the libraries it calls directly)');
  for (const [f, us] of [...inclusive]
    .sort((x, y) => y[1] - x[1])
    .filter(([f]) => pattern.test(f))
    .slice(0, top))
    console.log(`${pct(us)}  ${f}`);
}
