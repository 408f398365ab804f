/**
 * Define + render of the generated compositions after each collection bench/gc.ts offers (`full` = `gc()`,
 * `minor` = a scavenge, `none`): shows what a forced major GC before the measured phase costs the phase
 * (optimized code thrown away with the maps it embedded, see gc.ts). Each mode runs in its own fresh processes,
 * alternating between the modes round by round (in one process, a `full` measurement would leave deoptimized
 * code behind for the next mode's), with a fresh file per measurement. CPU time (user + system of the process)
 * and wall time, medians of the per-process medians; asserts nothing.
 *
 *   node --import tsx --expose-gc bench/gc-modes.ts [--rounds=3] [--reps=5]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collect, type GcMode } from './gc.js';
import { writeComposition } from './generate.js';

const args = new Map(process.argv.slice(2).map((a) => [a.replace(/^--/, '').split('=')[0]!, a.split('=')[1] ?? 'true']));
const rounds = Number(args.get('rounds') ?? 3);
const reps = Number(args.get('reps') ?? 5);
const SIZES = [100, 1000];
const MODES: readonly GcMode[] = ['full', 'minor', 'none'];
type Sample = [define: number, render: number, total: number, wall: number];
type Medians = Record<number, Sample>;

const cpu = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const medians = (samples: readonly Sample[]): Sample => [0, 1, 2, 3].map((i) => median(samples.map((s) => s[i]!))) as Sample;

/** In a child process: `reps` measurements per size (after one warm-up), each after `mode`'s collection. */
async function measure(mode: GcMode): Promise<Medians> {
  const samples = new Map<number, Sample[]>(SIZES.map((n) => [n, []]));
  for (let rep = 0; rep <= reps; rep++) {
    for (const n of SIZES) {
      const file = writeComposition(n, `gc${process.pid}-${rep}`);
      const module = (await import(pathToFileURL(file).href)) as { define(): { toYaml(): string } };
      collect(mode);
      const [w0, c0] = [performance.now(), cpu()];
      const composition = module.define();
      const c1 = cpu();
      composition.toYaml();
      const [w2, c2] = [performance.now(), cpu()];
      if (rep > 0) samples.get(n)!.push([c1 - c0, c2 - c1, c2 - c0, w2 - w0]);
    }
  }
  return Object.fromEntries([...samples].map(([n, list]) => [n, medians(list)]));
}

async function main(): Promise<void> {
  const measured = args.get('measure');
  if (measured) {
    process.stdout.write(`${JSON.stringify(await measure(measured as GcMode))}\n`);
    return;
  }
  const results = new Map<GcMode, Medians[]>(MODES.map((mode) => [mode, []]));
  const loads = [loadavg()[0]!];
  for (let round = 1; round <= rounds; round++) {
    for (const mode of MODES) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), `--measure=${mode}`, `--reps=${reps}`], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`measuring --gc=${mode} failed:\n${child.stderr}`);
      results.get(mode)!.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Medians);
    }
    loads.push(loadavg()[0]!);
    process.stderr.write(`round ${round}/${rounds} done (load ${loads.at(-1)!.toFixed(1)})\n`);
  }
  const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const lines = [
    `${rounds} rounds × ${reps} repetitions per mode (medians of the per-process medians, ms); 1-minute load average during the run: ${loads.map((l) => l.toFixed(1)).join(' → ')}`,
    '',
    '| resources | collection | define CPU | render CPU | total CPU | vs full (CPU) | total wall |',
    '|-----------|------------|------------|------------|-----------|---------------|------------|',
  ];
  for (const n of SIZES) {
    const of = (mode: GcMode, i: number): number => median(results.get(mode)!.map((m) => m[n]![i]!));
    for (const mode of MODES) {
      lines.push(`| ${n} | ${mode} | ${ms(of(mode, 0))} | ${ms(of(mode, 1))} | ${ms(of(mode, 2))} | ${(of(mode, 2) / of('full', 2)).toFixed(2)}x | ${ms(of(mode, 3))} |`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
