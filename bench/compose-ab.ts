/**
 * Before/after benchmark of define + render: the generated compositions of 100 and 1000 resources
 * (bench/generate.ts of each checkout) defined and rendered in fresh processes that alternate between one or
 * more earlier checkouts ("before") and this one ("after"), so every side sees the same machine load. Each
 * process reports medians of wall time and of its CPU time (user + system, `process.cpuUsage`); on a shared
 * machine the CPU time is the steadier of the two. Prints a Markdown table; asserts nothing.
 *
 *   git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/node_modules
 *   node --import tsx --expose-gc bench/compose-ab.ts /tmp/before [/tmp/other ...] [--rounds=3] [--reps=7] [--gc=minor|full|none]
 *
 * The collection before each measured define is `--gc`'s (bench/gc.ts; default minor), the same for both sides.
 * "main-thread CPU" is define + render on the main thread alone (Linux; NaN elsewhere): the total also holds
 * V8's background compile and GC threads, whose share shrinks as a process warms up.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collect, gcMode } from './gc.js';

type Phase = 'defineWall' | 'renderWall' | 'totalWall' | 'defineCpu' | 'renderCpu' | 'totalCpu' | 'mainCpu';
type Medians = Record<number, Record<Phase, number>>;

const SIZES = [100, 1000];
const args = new Map(process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => [a.slice(2).split('=')[0]!, a.split('=')[1] ?? 'true']));
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const reps = Number(args.get('reps') ?? 7);
const rounds = Number(args.get('rounds') ?? 3);
const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * CPU time of this process's main thread in ms (Linux: the first field of /proc/self/task/<pid>/schedstat, in
 * ns), NaN elsewhere. `process.cpuUsage` counts every thread: V8's background compilers and GC helpers too,
 * which do a third of the CPU of a define of 1,000 resources in a short-lived process.
 */
function mainThreadCpu(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** In a child process: define and render each size `reps` times (after one warm-up) with `tree`'s sources. */
async function measure(tree: string): Promise<Medians> {
  const { writeComposition } = (await import(pathToFileURL(join(tree, 'bench/generate.ts')).href)) as { writeComposition(n: number, copy: string): string };
  const gcBefore = gcMode();
  const cpu = (): number => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const samples = new Map(SIZES.map((n) => [n, [] as Record<Phase, number>[]]));
  for (let rep = 0; rep <= reps; rep++) {
    for (const n of SIZES) {
      const file = writeComposition(n, `ab${process.pid}-${rep}`);
      const module = (await import(pathToFileURL(file).href)) as { define(): { toYaml(): string } };
      collect(gcBefore);
      const [w0, c0, m0] = [performance.now(), cpu(), mainThreadCpu()];
      const composition = module.define();
      const [w1, c1] = [performance.now(), cpu()];
      composition.toYaml();
      const [w2, c2, m2] = [performance.now(), cpu(), mainThreadCpu()];
      if (rep > 0) samples.get(n)!.push({ defineWall: w1 - w0, renderWall: w2 - w1, totalWall: w2 - w0, defineCpu: c1 - c0, renderCpu: c2 - c1, totalCpu: c2 - c0, mainCpu: m2 - m0 });
    }
  }
  const result: Medians = {};
  for (const [n, list] of samples) {
    const pick = (phase: Phase): number => median(list.map((s) => s[phase]));
    result[n] = { defineWall: pick('defineWall'), renderWall: pick('renderWall'), totalWall: pick('totalWall'), defineCpu: pick('defineCpu'), renderCpu: pick('renderCpu'), totalCpu: pick('totalCpu'), mainCpu: pick('mainCpu') };
  }
  return result;
}

function run(tree: string): Medians {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), `--measure=${tree}`, `--reps=${reps}`, `--gc=${gcMode()}`], { cwd: tree, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`measuring ${tree} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Medians;
}

async function main(): Promise<void> {
  const measured = args.get('measure');
  if (measured) {
    process.stdout.write(`${JSON.stringify(await measure(measured))}\n`);
    return;
  }
  if (positional.length === 0) throw new Error('usage: bench/compose-ab.ts <checkout of a "before" commit> [more checkouts] [--rounds=3] [--reps=7]');
  const trees = [...positional.map((tree) => resolve(tree)), here];
  const loads = [loadavg()[0]!];
  const results = trees.map(() => [] as Medians[]);
  for (let round = 1; round <= rounds; round++) {
    trees.forEach((tree, i) => results[i]!.push(run(tree)));
    loads.push(loadavg()[0]!);
    process.stderr.write(`round ${round}/${rounds} done (load ${loads.at(-1)!.toFixed(1)})\n`);
  }
  const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const of = (side: Medians[], n: number, phase: Phase): number => median(side.map((m) => m[n]![phase]));
  const name = (i: number): string => (i === trees.length - 1 ? 'this tree (after)' : `${positional[i]} (before)`);
  const lines = [
    `${rounds} rounds × ${reps} repetitions per side (medians of the per-process medians, \`--gc=${gcMode()}\`); 1-minute load average during the run: ${loads.map((l) => l.toFixed(1)).join(' → ')}`,
    '',
    '| resources | checkout | define CPU | render CPU | total CPU | total CPU / first | main-thread CPU | main / first | define wall | total wall |',
    '|-----------|----------|------------|------------|-----------|-------------------|-----------------|--------------|-------------|------------|',
    ...SIZES.flatMap((n) =>
      trees.map((_, i) => {
        const side = results[i]!;
        const ratio = of(side, n, 'totalCpu') / of(results[0]!, n, 'totalCpu');
        const mainRatio = of(side, n, 'mainCpu') / of(results[0]!, n, 'mainCpu');
        return `| ${n} | ${name(i)} | ${ms(of(side, n, 'defineCpu'))} | ${ms(of(side, n, 'renderCpu'))} | ${ms(of(side, n, 'totalCpu'))} | ${ratio.toFixed(2)}x | ${ms(of(side, n, 'mainCpu'))} | ${mainRatio.toFixed(2)}x | ${ms(of(side, n, 'defineWall'))} | ${ms(of(side, n, 'totalWall'))} |`;
      }),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
