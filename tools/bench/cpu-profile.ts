// Summarises a V8 CPU profile (`node --cpu-prof`, e.g. BENCH_PROFILE=gateway npm run bench --
// partner-page): self time by package or project library, and the busiest functions, as shares of
// the busy (non-idle) time. Usage: `node --import @swc-node/register/esm-register
// tools/bench/cpu-profile.ts bench-profiles/<file>.cpuprofile [top] [from]`, where `from` skips
// the profile's first seconds (the process's start-up, to see only the time spent serving).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code comes from: an npm package, a project library, Node itself, or V8's own work. */
function categoryOf({ url, functionName }: ProfileNode['callFrame']): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  const inProject = /\/((?:libs\/api|libs|services|tools)\/[^/]+)\//.exec(url);
  if (inProject) return inProject[1];
  return url.startsWith('node:') ? 'node' : url;
}

const [file, topArgument, fromArgument] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: tools/bench/cpu-profile.ts <file.cpuprofile> [top] [from seconds]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const fromMicros = Number(fromArgument ?? 0) * 1e6;
const selfMicros = new Map<number, number>();
let elapsed = 0;
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  elapsed += delta;
  if (elapsed < fromMicros) return;
  total += delta;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});

const byCategory = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id)!.callFrame;
  if (frame.functionName === '(idle)') continue;
  busy += micros;
  const category = categoryOf(frame);
  byCategory.set(category, (byCategory.get(category) ?? 0) + micros);
  const name = `${frame.functionName || '(anonymous)'} ${category}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
}
const share = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
const top = (entries: Map<string, number>, count: number) =>
  [...entries].sort(([, a], [, b]) => b - a).slice(0, count).map(([name, micros]) => `${share(micros)}  ${name}`).join('\n');
process.stdout.write(
  `busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s (${((100 * busy) / total).toFixed(0)} %)\n\n` +
    `self time by origin\n${top(byCategory, 25)}\n\nbusiest functions\n${top(byFunction, Number(topArgument ?? 30))}\n`,
);
