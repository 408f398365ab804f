/**
 * Benchmark: the time to define and render compositions of 10, 100 and 1000 resources, and the package's
 * cold import time. Not a test: it asserts nothing about durations. These machines are noisy, so every
 * number is a median of several runs, the sizes and import targets are measured interleaved in one run,
 * and what matters is the ratios printed side by side.
 *
 *   npm run bench            (= node --import tsx --expose-gc bench/compose.bench.ts)
 *   options: --reps=5 --import-runs=7 --sizes=10,100,1000 --no-write (do not rewrite bench/RESULTS.md)
 *            --gc=minor|full|none (the collection before each repetition, see gc.ts; default minor)
 *            --only=import (the cold-import table alone, with what the package adds over arktype; printed only)
 *
 * Part 1 (in this process, via tsx from src/): for each size a freshly generated composition file is
 * imported (tsx transform + module evaluation), its `define()` runs `kubernetesComposition` (parse the
 * file, run the composition function once, locate and compile every call) and `toYaml()` renders the RGD.
 * Each repetition uses new file copies, so no run reuses another's parse cache; repetition 0 warms the JIT
 * and is not counted.
 *
 * Part 2 (fresh `node` processes): the in-process time of `await import(...)` of the built package
 * (dist/, needs `npm run build`), of src/ through tsx, and of the heavy dependencies alone, plus the
 * wall time of the whole process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, outDir, writeComposition } from './generate.js';
import { collect, gcMode } from './gc.js';

const args = new Map(process.argv.slice(2).map((arg) => {
  const [key = '', value = 'true'] = arg.replace(/^--/, '').split('=');
  return [key, value] as const;
}));
const reps = Number(args.get('reps') ?? 5);
const importRuns = Number(args.get('import-runs') ?? 7);
const sizes = (args.get('sizes') ?? '10,100,1000').split(',').map(Number);
const write = !args.has('no-write');
const root = join(benchDir, '..');

const gcBefore = gcMode();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const us = (value: number): string => (value * 1000).toFixed(0);
const ratio = (value: number): string => `${value.toFixed(1)}x`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- part 1: define and render

/** Generated compositions live only for the run (tsconfig includes bench/, so they would be type-checked). */
function removeGenerated(): void {
  if (!existsSync(outDir)) return;
  for (const name of readdirSync(outDir)) if (/^compose-\d+-.*\.ts$/.test(name)) rmSync(join(outDir, name));
}

interface Sample {
  readonly importMs: number;
  readonly defineMs: number;
  readonly renderMs: number;
  readonly redefineMs: number;
  readonly yamlBytes: number;
}

interface Defined {
  toYaml(): string;
}

async function measureOnce(n: number, copy: string): Promise<Sample> {
  const file = writeComposition(n, copy);
  collect(gcBefore);
  const t0 = performance.now();
  const module = (await import(pathToFileURL(file).href)) as { define(): Defined };
  const t1 = performance.now();
  const composition = module.define();
  const t2 = performance.now();
  const yaml = composition.toYaml();
  const t3 = performance.now();
  // The same file again: the parse is cached, the composition runs and compiles again.
  module.define();
  const t4 = performance.now();
  return { importMs: t1 - t0, defineMs: t2 - t1, renderMs: t3 - t2, redefineMs: t4 - t3, yamlBytes: yaml.length };
}

async function defineAndRender(): Promise<{ rows: string[][]; ratioRows: string[][] }> {
  removeGenerated();
  const samples = new Map<number, Sample[]>(sizes.map((n) => [n, []]));
  for (let rep = 0; rep <= reps; rep++) {
    for (const n of sizes) {
      const sample = await measureOnce(n, `r${rep}`);
      if (rep > 0) samples.get(n)!.push(sample);
    }
    process.stderr.write(rep === 0 ? 'warm-up done\n' : `repetition ${rep}/${reps} done\n`);
  }
  removeGenerated();
  const medians = sizes.map((n) => {
    const list = samples.get(n)!;
    const pick = (key: keyof Sample): number => median(list.map((s) => s[key]));
    return { n, importMs: pick('importMs'), defineMs: pick('defineMs'), renderMs: pick('renderMs'), redefineMs: pick('redefineMs'), yamlBytes: pick('yamlBytes'), totalMs: median(list.map((s) => s.defineMs + s.renderMs)) };
  });
  const rows = medians.map((m) => [
    String(m.n), ms(m.importMs), ms(m.defineMs), ms(m.redefineMs), ms(m.renderMs), ms(m.totalMs),
    us(m.defineMs / m.n), us(m.renderMs / m.n), us(m.totalMs / m.n), `${Math.round(m.yamlBytes / 1024)} KiB`,
  ]);
  const ratioRows = medians.slice(1).map((m, i) => {
    const prev = medians[i]!;
    const grow = m.n / prev.n;
    return [
      `${prev.n} -> ${m.n} (${grow}x resources)`, ratio(m.importMs / prev.importMs), ratio(m.defineMs / prev.defineMs),
      ratio(m.redefineMs / prev.redefineMs), ratio(m.renderMs / prev.renderMs), ratio(m.totalMs / prev.totalMs),
    ];
  });
  return { rows, ratioRows };
}

// ---------------------------------------------------------------- part 2: cold import

interface Target {
  readonly name: string;
  readonly specifiers: readonly string[];
  readonly nodeArgs?: readonly string[];
  readonly env?: Record<string, string>;
  readonly note?: string;
}

const fileUrl = (path: string): string => pathToFileURL(join(root, path)).href;
const distIndex = join(root, 'dist/index.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function importTargets(): { targets: Target[]; notes: string[] } {
  const notes: string[] = [];
  const targets: Target[] = [{ name: 'node, empty script (baseline)', specifiers: [] }];
  if (existsSync(distIndex)) {
    if (statSync(distIndex).mtimeMs < newestMtime(join(root, 'src'))) notes.push('dist/ is older than some src/ file: run `npm run build` for current numbers.');
    targets.push({ name: 'typekro + typekro/simple (dist)', specifiers: [fileUrl('dist/index.js'), fileUrl('dist/simple.js')] });
  } else {
    notes.push('dist/ is missing (run `npm run build`): the built package was not measured.');
  }
  targets.push(
    { name: 'typekro + simple (src via tsx, tsx disk cache)', specifiers: [fileUrl('src/index.ts'), fileUrl('src/simple.ts')], nodeArgs: ['--import', 'tsx'] },
    { name: 'typekro + simple (src via tsx, no cache)', specifiers: [fileUrl('src/index.ts'), fileUrl('src/simple.ts')], nodeArgs: ['--import', 'tsx'], env: { TSX_DISABLE_CACHE: '1' } },
    { name: 'tsx loader alone', specifiers: [], nodeArgs: ['--import', 'tsx'] },
    { name: '@kubernetes/client-node', specifiers: ['@kubernetes/client-node'] },
    { name: 'arktype', specifiers: ['arktype'] },
    { name: '@babel/parser', specifiers: ['@babel/parser'] },
    { name: '@marcbachmann/cel-js', specifiers: ['@marcbachmann/cel-js'] },
    { name: 'yaml', specifiers: ['yaml'] },
    { name: 'client-node + arktype + babel + cel-js + yaml', specifiers: ['@kubernetes/client-node', 'arktype', '@babel/parser', '@marcbachmann/cel-js', 'yaml'] },
  );
  return { targets, notes };
}

function runImport(target: Target): { inProcessMs: number; wallMs: number } {
  const script = [
    'const t = performance.now();',
    ...target.specifiers.map((s) => `await import(${JSON.stringify(s)});`),
    'process.stdout.write(String(performance.now() - t));',
  ].join('\n');
  const start = performance.now();
  const result = spawnSync(process.execPath, [...(target.nodeArgs ?? []), '--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, ...target.env },
    encoding: 'utf8',
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`importing ${target.name} failed:\n${result.stderr}`);
  return { inProcessMs: Number(result.stdout), wallMs };
}

function coldImports(): { rows: string[][]; notes: string[] } {
  const { targets, notes } = importTargets();
  const samples = targets.map(() => ({ inProcess: [] as number[], wall: [] as number[] }));
  // One discarded round warms the OS file cache; then the targets are interleaved run by run.
  for (let run = 0; run <= importRuns; run++) {
    targets.forEach((target, i) => {
      const { inProcessMs, wallMs } = runImport(target);
      if (run > 0) {
        samples[i]!.inProcess.push(inProcessMs);
        samples[i]!.wall.push(wallMs);
      }
    });
  }
  const medians = samples.map((s) => ({ inProcess: median(s.inProcess), wall: median(s.wall) }));
  const dist = targets.findIndex((t) => t.name.includes('(dist)'));
  const reference = medians[dist >= 0 ? dist : 1]!;
  const baselineWall = medians[0]!.wall;
  const rows = targets.map((target, i) => [
    target.name, ms(medians[i]!.inProcess), ms(medians[i]!.wall), ms(medians[i]!.wall - baselineWall),
    i === 0 ? '' : ratio(medians[i]!.inProcess / reference.inProcess),
  ]);
  return { rows, notes };
}

// ---------------------------------------------------------------- report

const loadAtStart = loadavg();
const load = (values: readonly number[]): string => values.map((v) => v.toFixed(1)).join(' / ');

function machine(): string[] {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${availableParallelism()} CPUs (nproc), ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Linux ${release()}`,
    `- node ${process.version}`,
    `- load average (1 / 5 / 15 min) at start: ${load(loadAtStart)}, at end: ${load(loadavg())} (other work on the machine skews absolute times; the ratios are measured interleaved)`,
    `- source: ${revision()}`,
    `- collection before each repetition: ${gcBefore} (\`--gc\`, see bench/gc.ts)`,
  ];
}

function revision(): string {
  const git = (...args: string[]): string => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--short', 'HEAD') || 'unknown commit';
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'src').length > 0;
  return `${head}${dirty ? ' with uncommitted changes under src/' : ''}`;
}

/** `--only=import`: the cold-import table alone, with what the package adds over importing arktype (printed, never written). */
function importOnly(): void {
  process.stderr.write(`cold import: ${importRuns} runs + 1 warm-up per target\n`);
  const imports = coldImports();
  const inProcess = (name: string): number | undefined => {
    const row = imports.rows.find((r) => r[0] === name);
    return row ? Number(row[1]) : undefined;
  };
  const packageMs = inProcess('typekro + typekro/simple (dist)');
  const arktypeMs = inProcess('arktype');
  process.stdout.write(
    [
      table(['import', 'in-process ms', 'process wall ms', 'wall minus baseline', 'vs typekro (in-process)'], imports.rows),
      ...imports.notes.map((note) => `Note: ${note}`),
      '',
      packageMs !== undefined && arktypeMs !== undefined ? `typekro + typekro/simple adds ${ms(packageMs - arktypeMs)} ms over arktype alone (in-process medians)` : 'dist/ missing: run npm run build',
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (args.get('only') === 'import') return importOnly();
  const command = `node --import tsx --expose-gc bench/compose.bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  if (!(globalThis as { gc?: unknown }).gc) process.stderr.write('note: run with --expose-gc for steadier numbers\n');
  process.stderr.write(`define and render: sizes ${sizes.join(', ')}, ${reps} repetitions + 1 warm-up\n`);
  const defined = await defineAndRender();
  process.stderr.write(`cold import: ${importRuns} runs + 1 warm-up per target\n`);
  const imports = coldImports();

  const defineTable = table(
    ['resources', 'import ms', 'define ms', 'define again ms', 'render ms', 'define+render ms', 'define µs/res', 'render µs/res', 'total µs/res', 'RGD size'],
    defined.rows,
  );
  const ratioTable = table(['growth', 'import', 'define', 'define again', 'render', 'define+render'], defined.ratioRows);
  const importTable = table(['import', 'in-process ms', 'process wall ms', 'wall minus baseline', 'vs typekro (in-process)'], imports.rows);
  const report = [
    '# Benchmark results',
    '',
    'Generated by `bench/compose.bench.ts`; numbers are medians. A benchmark, not a test: nothing here is asserted.',
    '',
    '```',
    command,
    '```',
    '',
    ...machine(),
    '',
    `## Define and render (${reps} repetitions after 1 warm-up, sizes interleaved)`,
    '',
    '- import: `await import()` of the generated composition file (tsx transform + module evaluation).',
    '- define: its `define()`, i.e. `kubernetesComposition(...)`: parse the file, run the composition once, locate and compile every call.',
    '- define again: `define()` once more on the same file (the parse is cached).',
    '- render: `toYaml()` of the new composition (RGD object + YAML).',
    '',
    defineTable,
    '',
    'Growth between sizes (10x the resources gives 10x the time when linear):',
    '',
    ratioTable,
    '',
    `## Cold import (${importRuns} fresh processes per row after 1 warm-up round, rows interleaved)`,
    '',
    '- in-process: time of the `await import(...)` calls inside the fresh process; process wall: spawn to exit.',
    '- tsx rows: src/ compiled on the fly; "tsx disk cache" reuses tsx\'s transform cache, "no cache" sets TSX_DISABLE_CACHE=1.',
    '',
    importTable,
    ...(imports.notes.length ? ['', ...imports.notes.map((note) => `Note: ${note}`)] : []),
    '',
  ].join('\n');
  process.stdout.write(`\n${report}`);
  if (write) {
    writeFileSync(join(benchDir, 'RESULTS.md'), report);
    process.stderr.write('\nwritten: bench/RESULTS.md\n');
  }
}

await main();
