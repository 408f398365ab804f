/**
 * Before/after benchmark of the syntax questions a definition asks of its composition function alone: the
 * function's facts (its calls and `throw`s, function-facts.ts) and the context of every factory call
 * (`enclosingContext`: the parents up to the function, the binding, the chained conditions), on the generated
 * 1,000-resource composition (bench/generate.ts), parsed beforehand and not timed. A fresh process per sample,
 * alternating between the checkouts, so every side is as cold as in a user's `define` and sees the same load;
 * each process measures three fresh copies of the file (the first is the cold one). Main-thread CPU time
 * (Linux: /proc/self/task/<pid>/schedstat). Prints a Markdown table; asserts nothing.
 *
 *   node --import tsx bench/context-ab.ts /tmp/before [/tmp/other ...] [--procs=20] [--size=1000]
 *
 * A checkout must export `parseSource` (src/analysis/source.ts) and `factoryCallsIn`, `enclosingContext`
 * (src/analysis/composition.ts): true since the call-site rework of 2026-12-05.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Node } from '@babel/types';

const COPIES = 3;
const args = new Map(process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => [a.slice(2).split('=')[0]!, a.split('=')[1] ?? 'true']));
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const size = Number(args.get('size') ?? 1000);

const mainThreadCpu = (): number => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Sample = { facts: number; contexts: number };

/** In a child process: per copy of the composition, ms of main-thread CPU for the facts and for the contexts. */
async function measure(tree: string): Promise<Sample[]> {
  const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(tree, path)).href)) as T;
  const { compositionSource } = await load<{ compositionSource(n: number, from: string): string }>('bench/generate.ts');
  const { parseSource } = await load<{ parseSource(code: string, file: string): Node }>('src/analysis/source.ts');
  const { walk } = await load<{ walk(root: Node, visit: (node: Node) => boolean | void): void }>('src/analysis/ast.ts');
  const { enclosingContext, factoryCallsIn } = await load<{ enclosingContext(fn: Node, call: Node): unknown; factoryCallsIn(fn: Node): Node[] }>('src/analysis/composition.ts');
  const samples: Sample[] = [];
  for (let copy = 0; copy < COPIES; copy++) {
    const ast = parseSource(compositionSource(size, '/typekro'), `/tmp/context-ab-${process.pid}-${copy}.ts`);
    // The composition function: the arrow whose body holds the resources.
    let fn: Node | undefined;
    walk(ast, (node) => {
      if (!fn && node.type === 'ArrowFunctionExpression' && node.body.type === 'BlockStatement' && node.body.body.length >= size / 3) fn = node;
    });
    const t0 = mainThreadCpu();
    const calls = factoryCallsIn(fn!);
    const t1 = mainThreadCpu();
    for (const call of calls) if (call.type === 'CallExpression' && call.callee.type === 'Identifier') enclosingContext(fn!, call);
    samples.push({ facts: t1 - t0, contexts: mainThreadCpu() - t1 });
  }
  return samples;
}

function run(tree: string): Sample[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--measure=${tree}`, `--size=${size}`], { cwd: tree, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`measuring ${tree} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Sample[];
}

async function main(): Promise<void> {
  const measured = args.get('measure');
  if (measured) {
    process.stdout.write(`${JSON.stringify(await measure(measured))}\n`);
    return;
  }
  if (positional.length === 0) throw new Error('usage: bench/context-ab.ts <checkout> [more checkouts] [--procs=20] [--size=1000]');
  const procs = Number(args.get('procs') ?? 20);
  const trees = [...positional.map((tree) => resolve(tree)), resolve(fileURLToPath(import.meta.url), '../..')];
  const results = trees.map(() => [] as Sample[][]);
  for (let p = 0; p < procs; p++) trees.forEach((tree, i) => results[i]!.push(run(tree)));
  const of = (i: number, copy: number, part: keyof Sample | 'total'): number =>
    median(results[i]!.map((samples) => (part === 'total' ? samples[copy]!.facts + samples[copy]!.contexts : samples[copy]![part])));
  const name = (i: number): string => (i === trees.length - 1 ? 'this tree' : positional[i]!);
  const lines = [
    `${procs} processes per checkout, alternating; medians of main-thread CPU ms; ${size} resources`,
    '',
    '| copy | checkout | facts | contexts | total | total / first |',
    '|------|----------|-------|----------|-------|---------------|',
    ...Array.from({ length: COPIES }, (_, copy) =>
      trees.map((_, i) => `| ${copy === 0 ? '1st (cold)' : String(copy + 1)} | ${name(i)} | ${of(i, copy, 'facts').toFixed(1)} | ${of(i, copy, 'contexts').toFixed(1)} | ${of(i, copy, 'total').toFixed(1)} | ${(of(i, copy, 'total') / of(0, copy, 'total')).toFixed(2)}x |`),
    ).flat(),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
