/**
 * Freezing a finished composition run into the graph IR.
 */
import type { CompositionGraph, ResourceNode } from '../ir/graph.js';
import type { Value } from '../ir/value.js';
import type { Expr } from '../ir/expr.js';
import { inlineNestedExpr, inlineNestedStatus } from './nest-run.js';
import { modelType } from '../model/kube-types.js';
import { nameIterators, nameMacroVariables, validatedGraph } from '../compile/rgd/index.js';
import type { ResourceRecord } from '../model/resource.js';
import type { CompositionRun } from './run.js';
import { toValue, type ValueContext } from './values.js';
import { foldItemConditions } from './item-conditions.js';
import { checkResourceReads } from './excluded-reads.js';
import { checkDuplicateNames } from './duplicate-names.js';
import { secretWireForm } from './secret-wire.js';
import { checkGraphInstanceMetadata } from './instance-metadata-reads.js';
import { checkGraphTexts } from './unprintable-texts.js';

/** Everything of a graph that the definition alone decides (the run adds resources and status). */
export type GraphHeader = Omit<CompositionGraph, 'status' | 'resources'>;

export function valueContext(run: CompositionRun, owner: string): ValueContext {
  // Methods, not arrow properties: tsx renames each arrow property when made (`__name`), three per resource.
  return {
    owner,
    refType(ref) {
      return run.refType(ref);
    },
    exprType(expr) {
      return run.exprType(expr);
    },
    siteOf(value) {
      return run.siteOf(value);
    },
  };
}

export function buildGraph(header: GraphHeader, run: CompositionRun, status: Value): CompositionGraph {
  const inline = (expr: Expr): Expr => inlineNestedExpr(expr, run.nested);
  const nodes = run.records.map((record) => resourceNode(record, run));
  // Reads of a nested composition held only under a condition, before its status is inlined (it may read no resource of it).
  checkResourceReads(nodes, run.nestedHandles);
  // A Secret's stringData is sent as data, which the appliers own and so prune (secret-wire.ts), in both modes.
  const resources = nodes.map((node) => secretWireForm(inlineResource(node, inline, run.nested)));
  checkResourceReads(resources);
  // What did not come from source (a reference handed to withIncludeWhen, Cel.expr) is checked here.
  const finalStatus = inlineNestedStatus(status, run.nested);
  checkGraphInstanceMetadata({ status: finalStatus, resources });
  checkGraphTexts({ status: finalStatus, resources });
  // After the texts check: the names are printed to compare them, and a lone surrogate is refused there first.
  checkDuplicateNames(resources);
  // Iterator names are settled only once every id is known (a later resource may take a loop variable's name).
  // Validated here, when the composition is defined, so that both modes refuse the same graphs at once.
  return deepFreeze(validatedGraph(nameMacroVariables(nameIterators({ ...header, status: finalStatus, resources }))));
}

/** Nested status reads (`db.status.ready`) anywhere in a resource become the child's expressions. */
function inlineResource(node: ResourceNode, inline: (expr: Expr) => Expr, nested: ReadonlyMap<string, Value>): ResourceNode {
  if (nested.size === 0) return node;
  return {
    ...node,
    ...(node.template !== undefined ? { template: inlineNestedStatus(node.template, nested) } : {}),
    readyWhen: node.readyWhen.map(inline),
    includeWhen: node.includeWhen.map(inline),
    forEach: node.forEach.map((dimension) => ({ ...dimension, source: inline(dimension.source) })),
  };
}

function resourceNode(record: ResourceRecord, run: CompositionRun): ResourceNode {
  const context = { ...valueContext(run, `resource "${record.id}"`), ...(record.source ? { at: record.source } : {}) };
  const template = record.external
    ? undefined
    : toValue(record.manifest, context, record.modelName ? modelType(record.modelName) : undefined);
  return {
    id: record.id,
    apiVersion: record.apiVersion,
    kind: record.kind,
    ...(record.modelName ? { model: record.modelName } : {}),
    ...(template !== undefined ? { template } : {}),
    ...(record.external
      ? {
          externalRef: {
            apiVersion: record.external.apiVersion,
            kind: record.external.kind,
            ...(record.external.name !== undefined ? { name: toValue(record.external.name, context) ?? null } : {}),
            ...(record.external.namespace !== undefined ? { namespace: toValue(record.external.namespace, context) ?? null } : {}),
          },
        }
      : {}),
    readyWhen: [...record.readyWhen],
    ...foldItemConditions(record.id, record.includeWhen, record.forEach, record.source),
    dependsOn: record.dependsOn.map((dependency) => dependency.id),
    ...(record.source ? { source: record.source } : {}),
    ...(record.nestedAt ? { nestedAt: record.nestedAt } : {}),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}
