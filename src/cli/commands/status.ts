/**
 * `typekro status`: an instance and what it owns. KRO mode reads the instance custom resource (state,
 * conditions, status); direct mode has no instance object, so it reads the objects labelled for the
 * instance. Exit 0 when ready, 3 when not ready, 1 when the instance does not exist.
 */
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import type { Command } from 'commander';
import { instanceName, load } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { instanceRef, kubeClient, ownedObjects, resourceIdOf, type InstanceId } from '../instance.js';
import type { AnyComposition } from '../load.js';
import { clusterTarget, withCluster, withComposition, withMode, withName, withSpec } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { formatDocument, out, parseOutputFormat, table, type OutputFormat } from '../output.js';
import { summarize } from '../readiness.js';
import type { SpecOptions } from '../spec.js';

interface StatusOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly output?: OutputFormat;
}

interface ResourceRow {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly ready: boolean;
  readonly detail: string;
}

interface Report {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string };
  readonly mode: Mode;
  readonly ready: boolean;
  readonly state?: string;
  readonly conditions?: readonly { type?: string; status?: string; reason?: string; message?: string }[];
  readonly status?: Record<string, unknown>;
  readonly resources: readonly ResourceRow[];
}

function rowOf(object: KubernetesObject, mode: Mode): ResourceRow {
  const summary = summarize(object);
  const namespace = object.metadata?.namespace;
  return { id: resourceIdOf(object, mode), kind: object.kind ?? '', name: object.metadata?.name ?? '', ...(namespace ? { namespace } : {}), ...summary };
}

async function report(composition: AnyComposition, id: InstanceId, config: KubeConfig): Promise<Report> {
  const ref = instanceRef(composition, id);
  const base = { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: id.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) }, mode: id.mode };
  const resources = (await ownedObjects(config, composition, id)).map((object) => rowOf(object, id.mode));
  if (id.mode === 'direct') {
    if (resources.length === 0) throw new CliError(`${describe(composition, id)}: not found (no objects labelled for it)`, EXIT.failure);
    return { ...base, ready: resources.every((row) => row.ready), resources };
  }
  const live = (await kubeClient(config).get(ref)) as (KubernetesObject & { status?: Record<string, unknown> }) | undefined;
  if (!live) throw new CliError(`${describe(composition, id)}: not found`, EXIT.failure);
  const { state, conditions, ...status } = live.status ?? {};
  const ready = state === 'ACTIVE' && Array.isArray(conditions) && conditions.some((c: { type?: string; status?: string }) => c.type === 'Ready' && c.status === 'True');
  return {
    ...base,
    ready,
    ...(typeof state === 'string' ? { state } : {}),
    ...(Array.isArray(conditions) ? { conditions } : {}),
    status,
    resources,
  };
}

function describe(composition: AnyComposition, id: InstanceId): string {
  const where = composition.graph.scope === 'Cluster' ? '' : ` in namespace ${id.namespace}`;
  return `${composition.graph.kind} "${id.name}"${where} (${id.mode} mode)`;
}

function human(composition: AnyComposition, id: InstanceId, result: Report): string {
  const readyCount = result.resources.filter((row) => row.ready).length;
  const lines = [`${describe(composition, id)}: ${result.state ? `${result.state}, ` : ''}${result.ready ? 'ready' : 'NOT ready'} (${readyCount}/${result.resources.length} objects ready)`];
  if (result.conditions?.length) lines.push(`conditions: ${result.conditions.map((c) => `${c.type}=${c.status}${c.status !== 'True' && c.message ? ` (${c.message})` : ''}`).join('; ')}`);
  if (result.status && Object.keys(result.status).length > 0) lines.push('status:', ...formatDocument(result.status, 'yaml').trimEnd().split('\n').map((line) => `  ${line}`));
  if (result.resources.length > 0) {
    lines.push('', table(['RESOURCE', 'KIND', 'NAME', 'READY', 'DETAIL'], result.resources.map((row) => [row.id, row.kind, row.name, row.ready ? 'yes' : 'no', row.detail])));
  }
  return lines.join('\n');
}

async function status(file: string, options: StatusOptions): Promise<void> {
  const { composition, spec } = await load(file, options);
  const target = clusterTarget(options);
  const id: InstanceId = { mode: options.mode, name: instanceName(composition, spec, options.name), namespace: target.namespace };
  const result = await report(composition, id, target.kubeConfig);
  out(options.output ? formatDocument(result, options.output) : human(composition, id, result));
  if (!result.ready) process.exitCode = EXIT.notReady;
}

export function registerStatus(program: Command): void {
  const command = program
    .command('status')
    .description('show an instance: its state and status (kro) and the readiness of every object it owns; exit 3 when not ready')
    .option('-o, --output <format>', 'yaml or json instead of the table', parseOutputFormat);
  withName(withMode(withCluster(withSpec(withComposition(command))))).action(status);
}
