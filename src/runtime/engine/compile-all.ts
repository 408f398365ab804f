/**
 * Every expression of a graph compiled before anything is applied, as KRO parses and checks an RGD before
 * it accepts it: a program that does not compile fails the deploy at the start, naming where it is, rather
 * than as a resource that never resolves or a status field silently left out at the end.
 */
import { printCel } from '../../compile/cel/print.js';
import { CompositionError } from '../../compile/rgd/errors.js';
import { exprChildren, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprLeaves } from '../../ir/value.js';
import { CelCompileError } from '../cel/index.js';
import { withArticle } from '../../util/article.js';

/** Where each expression of `resource` sits, for messages. */
function placesOf(resource: ResourceNode): [string, Expr][] {
  return [
    ...exprLeaves(resource.template ?? {}).map(({ path, expr }): [string, Expr] => [`field ${path.join('.')}`, expr]),
    ...resource.includeWhen.map((expr): [string, Expr] => ['includeWhen', expr]),
    ...resource.readyWhen.map((expr): [string, Expr] => ['readyWhen', expr]),
    ...resource.forEach.map(({ name, source }): [string, Expr] => [`forEach ${name}`, source]),
  ];
}

/**
 * Who wrote the CEL that failed. The direct engine is not KRO's cel-go (src/runtime/cel/README.md lists where
 * they differ), so a refusal here says nothing certain about KRO; CEL the compiler printed from JavaScript
 * must compile in both, so its refusal is ours to fix.
 */
function whose(expr: Expr): string {
  const handWritten = (e: Expr): boolean => e.kind === 'raw' || exprChildren(e).some(handWritten);
  return handWritten(expr)
    ? 'it holds hand-written CEL (Cel.expr, or readyWhen/includeWhen text): check that text'
    : 'TypeKro compiled this CEL from your JavaScript, so this is a TypeKro bug (please report it with this message)';
}

/**
 * Compiles every expression of `graph` with `compile` (which caches the programs); throws a
 * `CompositionError` naming the resource and field (or the status field), the CEL and the compiler's error.
 *
 * @example
 * ```ts
 * compileAll(graph, program); // throws: status.v: `1 + "a"` does not compile in direct mode's CEL engine: no such overload ...
 * ```
 */
export function compileAll(
  graph: CompositionGraph,
  compile: (expr: Expr, owner?: ResourceNode) => unknown,
  /** The static type of an expression checked with the instance's schema (see `specDeclarations`), when known. */
  resultType: (expr: Expr, owner: ResourceNode) => string | undefined = () => undefined,
): void {
  const attempt = (expr: Expr, place: string, owner?: ResourceNode): void => {
    try {
      compile(expr, owner);
    } catch (error) {
      const where = owner ? `resource "${owner.id}" ${place}` : place;
      const reason = error instanceof CelCompileError ? error.reason : (error as Error).message;
      throw new CompositionError(`${where}: \`${printCel(expr)}\` does not compile in direct mode's CEL engine: ${reason}; ${whose(expr)}; nothing was applied`, owner?.id);
    }
  };
  for (const resource of graph.resources) {
    for (const [place, expr] of placesOf(resource)) attempt(expr, place, resource);
    checkConditionTypes(resource, resultType);
  }
  for (const { path, expr } of exprLeaves(graph.status)) attempt(expr, `status.${path.join('.')}`);
}

/**
 * A condition must be a bool and a forEach source a list, as KRO's type check of the RGD requires: a string
 * field used as a condition (`Cel.expr<boolean>(spec.flag)`) fails here, before anything is applied, rather
 * than when the planner first evaluates it with some objects already applied. Only types the checker knows
 * are judged (resources and loop items are `dyn`).
 */
function checkConditionTypes(resource: ResourceNode, resultType: (expr: Expr, owner: ResourceNode) => string | undefined): void {
  const expected: [string, Expr, (type: string) => boolean, string][] = [
    ...resource.includeWhen.map((expr): [string, Expr, (type: string) => boolean, string] => ['includeWhen', expr, isBool, 'a bool']),
    ...resource.readyWhen.map((expr): [string, Expr, (type: string) => boolean, string] => ['readyWhen', expr, isBool, 'a bool']),
    ...resource.forEach.map(({ name, source }): [string, Expr, (type: string) => boolean, string] => [`forEach ${name}`, source, isList, 'a list']),
  ];
  for (const [place, expr, fits, wanted] of expected) {
    const type = resultType(expr, resource);
    if (type === undefined || fits(type)) continue;
    throw new CompositionError(
      `resource "${resource.id}" ${place}: \`${printCel(expr)}\` is ${withArticle(type)}, not ${wanted} (KRO would refuse the RGD); nothing was applied`,
      resource.id,
    );
  }
}

function isBool(type: string): boolean {
  return type === 'bool' || type === 'dyn';
}

function isList(type: string): boolean {
  return type === 'dyn' || type.startsWith('list');
}
