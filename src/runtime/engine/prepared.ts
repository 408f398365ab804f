/**
 * A graph made ready for repeated planning: dependency order and edges computed once (the same way the
 * RGD compiler computes them, so both modes order alike) and every CEL program compiled once.
 */
import { printCel } from '../../compile/cel/print.js';
import { resourceReadinessRule, type ReadinessExprs } from '../../compile/readiness/index.js';
import { dependenciesOf } from '../../compile/rgd/index.js';
import { graphDependencies } from './observed-order.js';
import type { Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { specDeclarations, type CelEngine, type CelProgram, type EvalResult } from '../cel/index.js';
import { TypeKroError } from '../../util/errors.js';
import { compileAll } from './compile-all.js';

export interface PreparedGraph {
  readonly graph: CompositionGraph;
  readonly engine: CelEngine;
  readonly order: readonly string[];
  resource(id: string): ResourceNode;
  /** The resource ids the status expressions read. */
  readonly statusDependencies: readonly string[];
  /** The ids a resource waits for: template/includeWhen/forEach references, `dependsOn` and the CRD of its kind. */
  dependencies(id: string): readonly string[];
  /** The kind's readiness rule over the resource's own variable (undefined: ready once it exists), built once. */
  readinessRule(id: string): ReadinessExprs | undefined;
  /** Evaluates an expression of `owner` (or of the status when absent) with CEL-native variables. */
  evaluate(expr: Expr, variables: Readonly<Record<string, unknown>>, owner?: ResourceNode): EvalResult;
}

/**
 * @example
 * ```ts
 * const prepared = prepareGraph(graph, createCelEngine());
 * prepared.order; // ['deployment', 'service']
 * ```
 */
export function prepareGraph(graph: CompositionGraph, engine: CelEngine): PreparedGraph {
  const byId = new Map(graph.resources.map((r) => [r.id, r]));
  const ids = new Set(byId.keys());
  // An object of a kind the graph's own CRD defines waits for that CRD too (KRO mode refuses such a graph, see CrdInSameGraphError).
  const { order, dependencies } = graphDependencies(graph);
  const programs = new WeakMap<Expr, CelProgram>();
  // One list per owner, built once: the engine keeps one environment per list (a new list of every resource
  // id per program was garbage in proportion to the graph, per program).
  const lists = new Map<ResourceNode | undefined, readonly string[]>();
  const variablesOf = (owner?: ResourceNode): readonly string[] => {
    let list = lists.get(owner);
    if (!list) lists.set(owner, (list = ['schema', ...ids, ...(owner ? ['each', ...owner.forEach.map((d) => d.name)] : [])]));
    return list;
  };
  const program = (expr: Expr, owner?: ResourceNode): CelProgram => {
    let compiled = programs.get(expr);
    if (!compiled) {
      compiled = engine.compile(printCel(expr), { variables: variablesOf(owner) });
      programs.set(expr, compiled);
    }
    return compiled;
  };
  const declarations = specDeclarations(graph.spec);
  compileAll(graph, program, (expr, owner) => engine.resultType(printCel(expr), declarations, variablesOf(owner)));
  // Built once per resource: programs are cached by expression identity.
  const rules = new Map(graph.resources.map((r) => [r.id, resourceReadinessRule(r)]));
  const statusNode: ResourceNode = { id: '', apiVersion: '', kind: '', template: graph.status, readyWhen: [], includeWhen: [], forEach: [], dependsOn: [] };
  const statusDependencies = dependenciesOf(statusNode, ids);
  return {
    graph,
    engine,
    order,
    statusDependencies,
    resource(id) {
      const resource = byId.get(id);
      if (!resource) throw new TypeKroError('INTERNAL', `unknown resource id "${id}"`);
      return resource;
    },
    dependencies,
    readinessRule: (id) => rules.get(id),
    evaluate(expr, variables, owner) {
      let compiled: CelProgram;
      try {
        compiled = program(expr, owner);
      } catch (error) {
        return { kind: 'error', message: (error as Error).message };
      }
      return engine.evaluate(compiled, variables);
    },
  };
}
