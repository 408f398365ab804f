/**
 * `typekro render`: the ResourceGraphDefinition; with a spec, the instance custom resource (`--instance`,
 * the default when a spec is given) or the plain manifests direct mode would apply (`--manifests`).
 */
import type { Command } from 'commander';
import { load } from '../context.js';
import { UsageError } from '../errors.js';
import type { CompositionOptions } from '../options.js';
import { withComposition, withName, withOutput, withSpec } from '../options.js';
import { convertYaml, type OutputFormat } from '../output.js';
import { out, type CliRun } from '../io.js';
import type { SpecOptions } from '../spec.js';

interface RenderOptions extends CompositionOptions, SpecOptions {
  readonly instance?: boolean;
  readonly manifests?: boolean;
  readonly namespace?: string;
  readonly name?: string;
  readonly output: OutputFormat;
}

async function render(run: CliRun, file: string, options: RenderOptions): Promise<void> {
  if (options.instance && options.manifests) throw new UsageError('--instance and --manifests exclude each other; choose one');
  const { composition, spec } = await load(file, options, run.io);
  // --name names an instance: it renders one, as a spec does
  const what = options.manifests ? 'manifests' : options.instance || spec || options.name !== undefined ? 'instance' : 'rgd';
  // An instance or manifests need a spec; {} is a valid one when every field has a default.
  const values = spec ?? {};
  const named = options.name !== undefined ? { name: options.name } : {};
  let yaml: string;
  if (what === 'rgd') yaml = composition.toYaml();
  else if (what === 'instance') {
    yaml = options.namespace ? composition.factory('kro', { namespace: options.namespace }).instanceYaml(values, named) : composition.instanceYaml(values, named);
  } else yaml = await composition.factory('direct', { namespace: options.namespace ?? 'default' }).manifestsYaml(values, named);
  out(run.io, convertYaml(yaml, options.output));
}

export function registerRender(program: Command, run: CliRun): void {
  const command = program
    .command('render')
    .description('print the ResourceGraphDefinition; with a spec, the instance (--instance) or plain manifests (--manifests)')
    .option('--instance', 'the instance custom resource for the spec (the default when a spec is given)')
    .option('--manifests', 'the plain Kubernetes manifests direct mode would apply for the spec')
    .option('-n, --namespace <name>', 'namespace of the instance and of namespaced manifests (offline: no cluster is contacted)');
  withOutput(withName(withSpec(withComposition(command))), 'output').action((file: string, options: RenderOptions) => render(run, file, options));
}
