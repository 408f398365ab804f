/**
 * `typekro plan`: what `deploy` would create, change or delete, from server-side dry runs; changes are
 * listed by field path. Nothing is modified.
 */
import type { Command } from 'commander';
import { instanceName, load } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { kubeClient, type InstanceId } from '../instance.js';
import { clusterTarget, withCluster, withComposition, withMode, withName, withSpec } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { formatDocument, out, parseOutputFormat, type OutputFormat } from '../output.js';
import { describeChange } from '../diff.js';
import { describeObject, planDirect, planKro, type Action, type PlannedObject } from '../plan.js';
import type { SpecOptions } from '../spec.js';

interface PlanOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly output?: OutputFormat;
}

const SIGN: Record<Action, string> = { create: '+', change: '~', unchanged: '=', delete: '-', conflict: '!', skipped: '·', error: '!' };

function counts(objects: readonly PlannedObject[]): Record<Action, number> {
  const result: Record<Action, number> = { create: 0, change: 0, unchanged: 0, delete: 0, conflict: 0, skipped: 0, error: 0 };
  for (const object of objects) result[object.action]++;
  return result;
}

function human(title: string, objects: readonly PlannedObject[]): string {
  const n = counts(objects);
  const extra = [n.conflict ? `${n.conflict} in conflict` : '', n.skipped ? `${n.skipped} skipped` : '', n.error ? `${n.error} failed` : ''].filter(Boolean);
  const lines = [`${title}: ${n.create} to create, ${n.change} to change, ${n.delete} to delete, ${n.unchanged} unchanged${extra.map((e) => `, ${e}`).join('')}`];
  const width = Math.max(0, ...objects.map((object) => object.resource.length));
  for (const object of objects) {
    const note = object.message ? `  (${object.message})` : '';
    const what = object.kind ? describeObject(object) : object.action;
    lines.push(`  ${SIGN[object.action]} ${object.resource.padEnd(width)}  ${what}${note}`);
    for (const change of object.changes ?? []) lines.push(`      ${describeChange(change)}`);
  }
  return lines.join('\n');
}

async function plan(file: string, options: PlanOptions): Promise<void> {
  const { composition, spec } = await load(file, options);
  const values = spec ?? {};
  const target = clusterTarget(options);
  const id: InstanceId = { mode: options.mode, name: instanceName(composition, values, options.name), namespace: target.namespace };
  const input = { composition, spec: values, id, target, client: kubeClient(target.kubeConfig) };
  const objects = id.mode === 'direct' ? await planDirect(input) : await planKro(input);
  const title = `plan for ${composition.graph.kind} "${id.name}" (${id.mode} mode, namespace ${id.namespace})`;
  out(options.output ? formatDocument({ summary: counts(objects), objects }, options.output) : human(title, objects));
  const failed = objects.filter((object) => object.action === 'error');
  if (failed.length > 0) throw new CliError(`the API server refused ${failed.length} of ${objects.length} objects in the dry run`, EXIT.failure);
}

export function registerPlan(program: Command): void {
  const command = program
    .command('plan')
    .description('show what deploy would create, change (by field) or delete, using server-side dry runs')
    .option('-o, --output <format>', 'yaml or json instead of the summary', parseOutputFormat);
  withName(withMode(withCluster(withSpec(withComposition(command))))).action(plan);
}
