/**
 * `typekro check`: every offline validation (the composition loads and compiles, the RGD is valid, a given
 * spec matches the schema and renders) and a short summary of what the composition defines.
 */
import type { Command } from 'commander';
import type { CompositionGraph } from '../../index.js';
import { createCelEngine } from '../../runtime/cel/index.js';
import { prepareGraph } from '../../runtime/engine/index.js';
import { load } from '../context.js';
import { codeOf } from '../errors.js';
import { out, type CliRun } from '../io.js';
import type { AnyComposition } from '../load.js';
import type { CompositionOptions } from '../options.js';
import { withComposition, withSpec } from '../options.js';
import type { SpecObject, SpecOptions } from '../spec.js';

type ResourceNode = CompositionGraph['resources'][number];

function describeResource(resource: ResourceNode, width: number): string {
  const notes = [
    resource.externalRef ? 'external' : '',
    resource.includeWhen.length > 0 ? 'conditional' : '',
    resource.forEach.length > 0 ? `forEach ${resource.forEach.map((d) => d.name).join(', ')}` : '',
    resource.readyWhen.length > 0 ? 'readyWhen' : '',
  ].filter(Boolean);
  return `    ${resource.id.padEnd(width)}  ${resource.kind} (${resource.apiVersion})${notes.length ? `  [${notes.join('; ')}]` : ''}`;
}

function fieldsOf(node: unknown): string[] {
  const fields = (node as { fields?: Record<string, unknown> } | undefined)?.fields;
  return fields ? Object.keys(fields) : [];
}

function summary(file: string, composition: AnyComposition): string[] {
  const graph = composition.graph;
  const status = typeof graph.status === 'object' && graph.status !== null ? Object.keys(graph.status) : [];
  return [
    `ok ${file}: composition "${graph.name}" (kind ${graph.kind}, ${graph.group}/${graph.version}, ${graph.scope.toLowerCase()})`,
    `  spec fields: ${fieldsOf(graph.spec).join(', ') || '(none)'}`,
    `  status fields: ${status.join(', ') || '(none)'}`,
    `  resources (${graph.resources.length}):`,
    ...graph.resources.map((resource) => describeResource(resource, Math.max(...graph.resources.map((r) => r.id.length)))),
  ];
}

/** Renders the manifests too; needing live data is a property of the composition, not an error. */
async function checkSpec(composition: AnyComposition, spec: SpecObject): Promise<string[]> {
  composition.toYaml(spec);
  try {
    const manifests = await composition.factory('direct', {}).toYaml(spec);
    const count = manifests.split(/^---$/m).filter((doc) => doc.trim()).length;
    return [`  spec: valid; renders ${count} manifest${count === 1 ? '' : 's'}`];
  } catch (error) {
    if (codeOf(error) !== 'NEEDS_CLUSTER') throw error;
    return ['  spec: valid; some manifests need data that only exists in the cluster:', ...(error as Error).message.split('\n').slice(1)];
  }
}

async function check(run: CliRun, file: string, options: CompositionOptions & SpecOptions): Promise<void> {
  const { composition, spec } = await load(file, options, run.io);
  composition.toYaml();
  // Direct mode compiles every expression with its own CEL engine before applying anything; without a spec
  // nothing else here reaches that engine, so check would pass what a direct deploy refuses.
  prepareGraph(composition.graph, createCelEngine());
  const lines = summary(file, composition);
  if (spec) lines.push(...(await checkSpec(composition, spec)));
  out(run.io, lines.join('\n'));
}

export function registerCheck(program: Command, run: CliRun): void {
  const command = program
    .command('check')
    .description('validate a composition offline: it loads, compiles to a valid RGD, and a given spec is valid');
  withSpec(withComposition(command)).action((file: string, options: CompositionOptions & SpecOptions) => check(run, file, options));
}
