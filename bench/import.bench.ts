/**
 * Benchmark: what `import 'typekro'` (+ `typekro/simple`, from dist/) adds over `import 'arktype'` alone,
 * which every user loads anyway, and what defining and rendering a small composition load after it. Fresh
 * `node` processes, rows interleaved (every row once per round, round order rotated), one warm-up round not
 * counted; medians. Not a test: nothing is asserted.
 *
 *   npm run build && node --import tsx bench/import.bench.ts [--runs=15] [--no-write] [--compare=<checkout>]
 *
 * `--compare=<checkout>`: another checkout of TypeKro (built, with node_modules) whose package rows are measured
 * in the same rounds, interleaved with this one's (e.g. the revision before a change).
 *
 * Writes its section of bench/RESULTS.md between `<!-- import-bench:begin -->` and `<!-- import-bench:end -->`
 * (appended when absent), leaving the rest of the file as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Map(process.argv.slice(2).map((arg) => {
  const [key = '', value = 'true'] = arg.replace(/^--/, '').split('=');
  return [key, value] as const;
}));
const runs = Number(args.get('runs') ?? 15);
const write = !args.has('no-write');
const compare = args.get('compare');

/** A composition module importing the built package by its name (self-reference through `exports`). */
function compositionFile(checkout: string): string {
  const dir = join(checkout, 'bench', '.out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'import-app.mjs');
  writeFileSync(file, [
    "import { type } from 'arktype';",
    "import { kubernetesComposition } from 'typekro';",
    "import { ConfigMap, Deployment, Service } from 'typekro/simple';",
    'export function define() {',
    '  return kubernetesComposition(',
    "    { name: 'bench', apiVersion: 'example.com/v1', kind: 'Bench', spec: type({ replicas: 'number.integer', image: 'string' }), status: type({ ready: 'boolean' }) },",
    '    (spec) => {',
    "      const web = Deployment({ name: 'web', image: spec.image, replicas: spec.replicas });",
    "      Service({ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] });",
    "      ConfigMap({ name: 'web-config', data: { image: spec.image } });",
    '      return { ready: web.status.readyReplicas >= spec.replicas };',
    '    },',
    '  );',
    '}',
    '',
  ].join('\n'));
  return pathToFileURL(file).href;
}

interface Row {
  readonly name: string;
  /** Where the child runs: `typekro` resolves to that checkout's dist/. */
  readonly cwd: string;
  /** The child's script: prints a JSON object of stage -> ms (time since its first import began). */
  readonly script: string;
}

// `at.x`: ms since the first import; `at['cpu:x']`: CPU ms of the process by then (user + system), which a
// loaded machine skews much less than elapsed time.
const stamp =
  'const t0 = performance.now(); const c0 = process.cpuUsage(); const at = {}; ' +
  'const mark = (k) => { at[k] = performance.now() - t0; const c = process.cpuUsage(c0); at["cpu:" + k] = (c.user + c.system) / 1000; };';
const done = 'console.log(JSON.stringify(at));';

function packageRows(checkout: string, label: string): Row[] {
  const app = compositionFile(checkout);
  return [
    {
      name: `arktype, then typekro + typekro/simple${label}`,
      cwd: checkout,
      script: `${stamp} await import('arktype'); mark('arktype'); await import('typekro'); await import('typekro/simple'); mark('typekro'); ${done}`,
    },
    {
      name: `... then define() and toYaml()${label}`,
      cwd: checkout,
      script: `${stamp} await import('arktype'); mark('arktype'); await import('typekro'); await import('typekro/simple'); mark('typekro'); ` +
        `const { define } = await import(${JSON.stringify(app)}); const app = define(); mark('define'); app.toYaml(); mark('render'); ${done}`,
    },
  ];
}

function rows(): Row[] {
  return [
    { name: 'node, empty script (baseline)', cwd: root, script: `${stamp} ${done}` },
    { name: 'arktype alone', cwd: root, script: `${stamp} await import('arktype'); mark('arktype'); ${done}` },
    ...packageRows(root, ''),
    ...(compare ? packageRows(compare, ` (${compare})`) : []),
  ];
}

function runOnce(row: Row): { wall: number; at: Record<string, number> } {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', row.script], { cwd: row.cwd, encoding: 'utf8' });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`${row.name} failed:\n${result.stderr}`);
  return { wall, at: JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, number> };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number | undefined): string => (value === undefined ? '' : value >= 100 ? value.toFixed(0) : value.toFixed(1));

function main(): void {
  for (const checkout of [root, ...(compare ? [compare] : [])]) {
    if (!existsSync(join(checkout, 'dist', 'index.js'))) throw new Error(`${checkout}/dist is missing: run \`npm run build\` there first`);
  }
  const table = rows();
  const samples = table.map(() => [] as { wall: number; at: Record<string, number> }[]);
  const loadBefore = loadavg();
  for (let round = 0; round <= runs; round++) {
    for (let k = 0; k < table.length; k++) {
      const i = (k + round) % table.length;
      const sample = runOnce(table[i]!);
      if (round > 0) samples[i]!.push(sample);
    }
    process.stderr.write(`round ${round}/${runs}\n`);
  }
  const loadAfter = loadavg();
  const stat = (i: number, key: string): number | undefined => (samples[i]![0]?.at[key] === undefined ? undefined : median(samples[i]!.map((s) => s.at[key]!)));
  const own = (i: number, key: string, after: string): number | undefined =>
    samples[i]![0]?.at[key] === undefined ? undefined : median(samples[i]!.map((s) => s.at[key]! - s.at[after]!));
  const lines = table.map((row, i) => {
    const cells = [
      ms(median(samples[i]!.map((s) => s.wall))),
      ms(stat(i, 'arktype')),
      ms(stat(i, 'cpu:arktype')),
      ms(own(i, 'typekro', 'arktype')),
      ms(own(i, 'cpu:typekro', 'cpu:arktype')),
      ms(own(i, 'define', 'typekro')),
      ms(own(i, 'render', 'define')),
      ms(own(i, 'cpu:render', 'cpu:arktype')),
    ];
    return `| ${row.name} | ${cells.join(' | ')} |`;
  });
  const arktypeAlone = stat(1, 'arktype')!;
  const withPackage = stat(2, 'typekro')!;
  const added = withPackage - arktypeAlone;
  const ownImport = own(2, 'typekro', 'arktype')!;
  const ownCpu = own(2, 'cpu:typekro', 'cpu:arktype')!;
  const arktypeCpu = stat(1, 'cpu:arktype')!;
  const compared = compare ? { elapsed: own(4, 'typekro', 'arktype')!, cpu: own(4, 'cpu:typekro', 'cpu:arktype')! } : undefined;
  const command = `node --import tsx bench/import.bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const section = [
    '<!-- import-bench:begin -->',
    '## Cold import: the package beside arktype alone',
    '',
    'Generated by `bench/import.bench.ts`: fresh `node` processes importing the built package (`dist/`, by its name),',
    `rows interleaved, ${runs} rounds after 1 warm-up round, medians. Times inside each process from its first import.`,
    '',
    '```',
    'npm run build',
    command,
    '```',
    '',
    `- date: ${new Date().toISOString()}; ${cpus().length} CPUs; node ${process.version}`,
    `- load average (1 min) at start ${loadBefore[0]!.toFixed(1)}, at end ${loadAfter[0]!.toFixed(1)} (other work on the machine skews absolute times; the rows are interleaved)`,
    '',
    '| process | wall ms | arktype ms | arktype CPU ms | typekro + simple after arktype ms | same, CPU ms | define ms | toYaml ms | import + define + toYaml CPU ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...lines,
    '',
    `**The package adds ${ms(ownImport)} ms after arktype** in the same process (${ms(ownCpu)} ms of CPU, against ${ms(arktypeCpu)} ms ` +
      `of CPU for arktype itself: ${(ownCpu / arktypeCpu).toFixed(2)}x); between processes, arktype + typekro ${ms(withPackage)} ms vs arktype ` +
      `alone ${ms(arktypeAlone)} ms (+${ms(added)} ms).` +
      (compared ? ` The compared checkout adds ${ms(compared.elapsed)} ms (${ms(compared.cpu)} ms of CPU) in the same rounds.` : ''),
    '<!-- import-bench:end -->',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (!write) return;
  const resultsFile = join(root, 'bench', 'RESULTS.md');
  const text = readFileSync(resultsFile, 'utf8');
  const begin = text.indexOf('<!-- import-bench:begin -->');
  const end = text.indexOf('<!-- import-bench:end -->');
  const next = begin >= 0 && end > begin ? `${text.slice(0, begin)}${section}${text.slice(end + '<!-- import-bench:end -->'.length)}` : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(resultsFile, next);
}

main();
