/**
 * `typekro import SOURCE [--out FILE | --out-dir DIR]`: CRDs → a typed TypeScript module (stdout without
 * `--out`), or a directory of one file per kind with an index (`--out-dir`). The work
 * is `importCrds` of `typekro/import`; this file only maps flags and writes the result.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { importCrds } from '../../import/index.js';
import { UsageError } from '../errors.js';
import { err, out, type CliRun } from '../io.js';

interface ImportCliOptions {
  readonly out?: string;
  readonly outDir?: string;
  readonly fromCluster?: boolean;
  readonly path?: string;
  readonly kind?: string[];
  readonly typekroImport?: string;
  readonly prefix?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** The regenerate command the header names: the arguments as given, minus where the output went. */
function commandLine(source: string, options: ImportCliOptions): string {
  const parts = ['typekro import', source];
  if (options.fromCluster) parts.push('--from-cluster');
  if (options.path) parts.push('--path', options.path);
  for (const kind of options.kind ?? []) parts.push('--kind', kind);
  if (options.typekroImport) parts.push('--typekro-import', options.typekroImport);
  if (options.prefix) parts.push('--prefix', options.prefix);
  if (options.out) parts.push('--out', options.out);
  if (options.outDir) parts.push('--out-dir', options.outDir);
  return parts.join(' ');
}

async function runImport(run: CliRun, source: string, options: ImportCliOptions): Promise<void> {
  if (options.out && options.outDir) throw new UsageError('typekro import: give --out FILE (one module) or --out-dir DIR (a file per kind), not both');
  const cluster = { ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}), ...(options.context ? { context: options.context } : {}) };
  const result = await importCrds(source, {
    command: commandLine(source, options),
    env: run.io.env,
    ...(options.fromCluster ? { fromCluster: true, cluster } : {}),
    ...(options.path ? { path: options.path } : {}),
    ...(options.kind ? { kinds: options.kind } : {}),
    ...(options.typekroImport ? { typekroImport: options.typekroImport } : {}),
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  const made = result.factories.map((f) => `${f.factoryName} (${f.apiVersion} ${f.kind})`).join(', ');
  if (options.outDir) {
    // Files of an earlier import that this one does not write (a kind gone upstream) are left for the user to delete.
    for (const file of result.files) {
      mkdirSync(dirname(join(options.outDir, file.path)), { recursive: true });
      writeFileSync(join(options.outDir, file.path), file.text);
    }
    err(run.io, `wrote ${result.files.length} files to ${options.outDir}: ${made}`);
    return;
  }
  if (!options.out) {
    out(run.io, result.module);
    return;
  }
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, result.module);
  err(run.io, `wrote ${options.out}: ${made}`);
}

export function registerImport(program: Command, run: CliRun): void {
  program
    .command('import')
    .description('generate typed factories from CustomResourceDefinitions: a YAML file or directory, a URL, a Helm chart (directory or .tgz), module@version/path (Go module proxy), or --from-cluster GROUP|NAME')
    .argument('<source>', 'where the CRDs are')
    .option('-o, --out <file>', 'write the module to this file (default: stdout)')
    .option('--out-dir <dir>', 'write a file per kind and an index.ts to this directory')
    .option('--from-cluster', 'read the CRDs of a live cluster; SOURCE is an API group or a CRD name')
    .option('--path <dir>', 'the directory (or file) of the CRDs inside a Go module')
    .option('--kind <kind...>', 'only these kinds')
    .option('--typekro-import <specifier>', "the module the generated code imports TypeKro from (default 'typekro')")
    .option('--prefix <name>', 'prefix every factory and type name (iam: iamRole, IamRole), for kinds named like common words')
    .option('--kubeconfig <file>', 'kubeconfig file for --from-cluster (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context for --from-cluster')
    .action((source: string, options: ImportCliOptions) => runImport(run, source, options));
}
