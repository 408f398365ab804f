/**
 * Before/after benchmark of define + render in ONE process: each checkout's generated composition (its own
 * bench/generate.ts, its own src/) is defined and rendered in turn, the order rotated at every repetition, so
 * all sides see the same moments of a shared, loaded machine (fresh processes per side, compose-ab.ts, see
 * different moments). CPU time of the process (user + system) per define and per render after a minor GC;
 * medians and quartiles of the totals. Prints text; asserts nothing.
 *
 *   git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/node_modules
 *   node --import tsx --expose-gc bench/compose-interleaved.ts /tmp/before [/tmp/other ...] [--reps=30] [--size=1000]
 *
 * The last side is this checkout. The modules of all sides live in one heap, so absolute times differ from
 * compose-ab.ts's; the ratios are the point.
 */
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const options = new Map(args.filter((a) => a.startsWith('--')).map((a) => [a.slice(2).split('=')[0]!, a.split('=')[1] ?? 'true']));
const trees = [...args.filter((a) => !a.startsWith('--')).map((tree) => resolve(tree)), resolve(dirname(fileURLToPath(import.meta.url)), '..')];
const reps = Number(options.get('reps') ?? 30);
const size = Number(options.get('size') ?? 1000);

const cpu = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low);
};

type Generate = { writeComposition(n: number, copy: string): string };
const generators = await Promise.all(trees.map(async (tree) => (await import(pathToFileURL(join(tree, 'bench/generate.ts')).href)) as Generate));
const samples = trees.map(() => ({ define: [] as number[], render: [] as number[], total: [] as number[] }));
const loads = [loadavg()[0]!];
// Repetition 0 warms the JIT of every side and is dropped.
for (let rep = 0; rep <= reps; rep++) {
  for (let k = 0; k < trees.length; k++) {
    const side = (k + rep) % trees.length;
    const file = generators[side]!.writeComposition(size, `interleaved${process.pid}-${rep}`);
    const module = (await import(pathToFileURL(file).href)) as { define(): { toYaml(): string } };
    (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
    const start = cpu();
    const composition = module.define();
    const defined = cpu();
    composition.toYaml();
    const rendered = cpu();
    if (rep > 0) {
      samples[side]!.define.push(defined - start);
      samples[side]!.render.push(rendered - defined);
      samples[side]!.total.push(rendered - start);
    }
  }
  if (rep % 10 === 0) loads.push(loadavg()[0]!);
}
loads.push(loadavg()[0]!);
const first = quantile(samples[0]!.total, 0.5);
process.stdout.write(`${size} resources, ${reps} repetitions per side, CPU ms (medians; total's quartiles); 1-minute load average: ${loads.map((l) => l.toFixed(1)).join(' → ')}\n\n`);
process.stdout.write('| checkout | define CPU | render CPU | total CPU | total CPU / first | total CPU quartiles |\n|----------|------------|------------|-----------|-------------------|---------------------|\n');
trees.forEach((tree, i) => {
  const side = samples[i]!;
  const median = quantile(side.total, 0.5);
  const name = i === trees.length - 1 ? 'this tree (after)' : `${tree} (before)`;
  process.stdout.write(`| ${name} | ${quantile(side.define, 0.5).toFixed(1)} | ${quantile(side.render, 0.5).toFixed(1)} | ${median.toFixed(1)} | ${(median / first).toFixed(3)}x | ${quantile(side.total, 0.25).toFixed(0)}–${quantile(side.total, 0.75).toFixed(0)} |\n`);
});
