/**
 * Where the extra cost of a first define goes: the generated composition defined in one process, side by side
 * (interleaved, fresh file each time), plain; with its source already parsed (`parseSourceFile`); with Node's
 * source map of it already parsed; with both; and defined a second time (everything cached). The differences
 * are the parse, the source map, and what remains of a first define (walks, V8's lazy compile and source
 * positions). CPU time of `define()` after the collection of `--gc` (bench/gc.ts), as compose.bench.ts measures; medians; asserts nothing.
 *
 *   node --import tsx --expose-gc bench/first-define.ts [--size=100] [--reps=10] [--gc=minor|full|none]
 */
import { findSourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseSourceFile } from '../src/analysis/source.js';
import { collect, gcMode } from './gc.js';
import { writeComposition } from './generate.js';

const args = new Map(process.argv.slice(2).map((a) => [a.replace(/^--/, '').split('=')[0]!, a.split('=')[1] ?? 'true']));
const size = Number(args.get('size') ?? 100);
const reps = Number(args.get('reps') ?? 10);
const gcBefore = gcMode();
const cpu = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const MODES = ['plain', 'parsed', 'mapped', 'parsed+mapped', 'again'] as const;
const samples = new Map<string, number[]>(MODES.map((mode) => [mode, []]));
for (let rep = 0; rep <= reps; rep++) {
  for (const mode of MODES) {
    const file = writeComposition(size, `first${process.pid}-${rep}-${mode.replace('+', '-')}`);
    const module = (await import(pathToFileURL(file).href)) as { define(): unknown };
    if (mode.startsWith('parsed')) parseSourceFile(file);
    if (mode.endsWith('mapped')) findSourceMap(pathToFileURL(file).href)?.findEntry(0, 0);
    if (mode === 'again') module.define();
    collect(gcBefore);
    const start = cpu();
    module.define();
    if (rep > 0) samples.get(mode)!.push(cpu() - start);
  }
}
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const plain = median(samples.get('plain')!);
process.stdout.write(`define() of ${size} resources, CPU ms, medians of ${reps}:\n\n| mode | CPU ms | vs plain |\n|------|--------|----------|\n`);
for (const mode of MODES) {
  const value = median(samples.get(mode)!);
  process.stdout.write(`| ${mode} | ${value.toFixed(1)} | ${(value / plain).toFixed(2)}x |\n`);
}
