/**
 * `typekro deploy`: deploys one instance, directly (default) or through KRO, with a live progress view, and
 * prints the instance with its status when it is ready.
 */
import type { Command } from 'commander';
import { instanceName, load } from '../context.js';
import { UsageError } from '../errors.js';
import { withInterrupt } from '../interrupt.js';
import type { AnyComposition } from '../load.js';
import { clusterTarget, parseBoolean, parseDuration, withCluster, withComposition, withMode, withName, withOutput, withSpec, withTimeout } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { err, formatDocument, out, type OutputFormat } from '../output.js';
import { createProgress, type ProgressView } from '../progress.js';
import type { SpecObject, SpecOptions } from '../spec.js';

interface DeployOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly timeout: string;
  readonly wait: string | boolean;
  readonly output: OutputFormat;
}

interface Deployed {
  readonly metadata: { name: string; namespace: string };
  readonly spec: unknown;
  readonly status: unknown;
}

/** The instance as one document, the same shape in both modes (what `kubectl get -o yaml` would show, trimmed). */
export function instanceDocument(composition: AnyComposition, instance: Deployed): Record<string, unknown> {
  const graph = composition.graph;
  const metadata = graph.scope === 'Cluster' ? { name: instance.metadata.name } : { name: instance.metadata.name, namespace: instance.metadata.namespace };
  return { apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind, metadata, spec: instance.spec, status: instance.status ?? {} };
}

interface Run {
  readonly composition: AnyComposition;
  readonly spec: SpecObject;
  readonly waitForReady: boolean;
  readonly progress: ProgressView;
}

async function run({ composition, spec, waitForReady, progress }: Run, options: DeployOptions, signal: AbortSignal): Promise<Deployed> {
  const target = clusterTarget(options);
  const common = { kubeConfig: target.kubeConfig, namespace: target.namespace, timeout: parseDuration(options.timeout), abortSignal: signal, progressCallback: progress.event };
  const deployOptions = options.name ? { name: options.name } : {};
  if (options.mode === 'kro') return composition.factory('kro', common).deploy(spec, deployOptions);
  return composition.factory('direct', { ...common, waitForReady }).deploy(spec, deployOptions);
}

async function deploy(file: string, options: DeployOptions): Promise<void> {
  const waitForReady = parseBoolean(options.wait, '--wait');
  if (!waitForReady && options.mode === 'kro') {
    throw new UsageError('--wait=false works with --mode direct only (KRO mode waits until the controller accepts the graph)');
  }
  parseDuration(options.timeout); // a bad duration is reported before anything is loaded
  const { composition, spec } = await load(file, options);
  const values = spec ?? {};
  const name = instanceName(composition, values, options.name);
  const ids = options.mode === 'direct' ? composition.graph.resources.map((resource) => resource.id) : [];
  const progress = createProgress({ title: `deploying ${composition.graph.kind} "${name}" (${options.mode} mode)`, ids, waitForReady });
  const started = Date.now();
  try {
    const instance = await withInterrupt((signal) => run({ composition, spec: values, waitForReady, progress }, options, signal));
    progress.finish('skipped');
    err(`${composition.graph.kind} "${instance.metadata.name}" ${waitForReady ? 'is ready' : 'applied'} (${options.mode} mode, ${((Date.now() - started) / 1000).toFixed(1)}s)`);
    out(formatDocument(instanceDocument(composition, instance), options.output));
  } catch (error) {
    const resourceId = (error as { resourceId?: unknown }).resourceId;
    progress.fail(typeof resourceId === 'string' ? resourceId : undefined, error instanceof Error ? error.message : String(error));
    progress.finish();
    throw error;
  }
}

export function registerDeploy(program: Command): void {
  const command = program
    .command('deploy')
    .description('deploy an instance and wait until it is ready; prints the instance with its status')
    .option('--wait [bool]', 'wait for readiness (--wait=false: direct mode only, applied counts as done)', true)
    .option('--no-wait', 'same as --wait=false');
  withOutput(withTimeout(withName(withMode(withCluster(withSpec(withComposition(command)))))), 'instance output').action(deploy);
}
