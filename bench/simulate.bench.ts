/**
 * Benchmark: `render` and `simulate` of typekro/testing on a 100-resource composition (bench/generate.ts:
 * Deployments, Services reading them, ConfigMaps reading both), every resource observed (Deployments
 * available). Not a test: it asserts nothing about durations. Prints medians of several runs, `simulate`
 * with and without its cross-check against the concrete JavaScript evaluation, side by side.
 *
 *   node --import tsx bench/simulate.bench.ts [--reps=15] [--size=100]
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { writeComposition } from './generate.js';
import { created, deploymentAvailable, render, simulate, type ObservedEntries } from '../src/testing/index.js';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const reps = Number(args.get('reps') ?? 15);
const size = Number(args.get('size') ?? 100);

const file = writeComposition(size, 'simulate');
try {
  const { define } = (await import(pathToFileURL(file).href)) as { define(): Parameters<typeof simulate>[0] };
  const composition = define();
  const spec = { name: 'shop', image: 'nginx', env: 'prod', replicas: 2, port: 8080 };
  const observed: Record<string, ObservedEntries[string]> = {};
  for (const resource of composition.graph.resources) observed[resource.id] = resource.kind === 'Deployment' ? deploymentAvailable() : resource.kind === 'Service' ? { spec: { clusterIP: '10.0.0.1' } } : created();

  // Wall and CPU time: on a shared machine the CPU time of this process is the steadier of the two.
  const median = (run: () => void): [number, number] => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i <= reps; i++) {
      const start = performance.now();
      const used = process.cpuUsage();
      run();
      const spent = process.cpuUsage(used);
      if (i > 0) {
        // the first run warms the JIT and the parse cache
        wall.push(performance.now() - start);
        cpu.push((spent.user + spent.system) / 1000);
      }
    }
    const mid = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return [mid(wall), mid(cpu)];
  };
  const check = simulate(composition, spec, { observed });
  if (!check.ready) throw new Error(`the benchmark state should be ready: ${JSON.stringify(check.next.slice(0, 3))}`);
  const rows = [
    ['render', median(() => render(composition, spec))],
    ['simulate, crossCheck: false', median(() => simulate(composition, spec, { observed, crossCheck: false }))],
    ['simulate (with the JavaScript cross-check)', median(() => simulate(composition, spec, { observed }))],
  ] as const;
  process.stdout.write(`${composition.graph.resources.length} resources, median of ${reps} runs (node ${process.version})\n`);
  for (const [what, [wall, cpu]] of rows) process.stdout.write(`  ${what.padEnd(44)} ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU\n`);
} finally {
  rmSync(file, { force: true });
}
