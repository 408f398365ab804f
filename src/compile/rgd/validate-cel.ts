/**
 * Hand-written CEL is parsed when the composition is defined: KRO refuses an RGD whose CEL does not parse,
 * and direct mode must not deploy what KRO would refuse. Compiled expressions are printed by TypeKro and
 * valid by construction; only `raw` text (`Cel.expr`, readyWhen/includeWhen strings) needs the check.
 */
import { exprChildren, type Expr } from '../../ir/expr.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { exprLeaves } from '../../ir/value.js';
import { TypeKroError } from '../../util/errors.js';
import { checkCelSyntax } from '../cel/syntax-check.js';
import { InvalidCelError } from './errors.js';

/**
 * Throws {@link InvalidCelError} for the first hand-written CEL of `graph` that does not parse, with the
 * place it was written (file:line:col), where it lands (resource field, status field) and the parse error.
 *
 * @example
 * ```ts
 * checkHandWrittenCel(graph); // throws InvalidCelError: app.ts:7:12: status.v: `size((schema.spec.name)` is not a CEL expression: ...
 * ```
 */
export function checkHandWrittenCel(graph: CompositionGraph): void {
  for (const resource of graph.resources) {
    const where = `resource "${resource.id}"`;
    const exprs: [string, Expr][] = [
      ...exprLeaves(resource.template ?? {}).map(({ path, expr }): [string, Expr] => [`${where} field ${path.join('.')}`, expr]),
      ...resource.includeWhen.map((expr): [string, Expr] => [`${where} includeWhen`, expr]),
      ...resource.readyWhen.map((expr): [string, Expr] => [`${where} readyWhen`, expr]),
      ...resource.forEach.map(({ name, source }): [string, Expr] => [`${where} forEach ${name}`, source]),
    ];
    for (const [place, expr] of exprs) checkExpr(expr, place, resource.id);
  }
  for (const { path, expr } of exprLeaves(graph.status)) checkExpr(expr, `status.${path.join('.')}`);
}

function checkExpr(expr: Expr, place: string, resourceId?: string): void {
  if (expr.kind === 'raw') {
    const problem = syntaxProblem(expr.cel);
    if (problem !== undefined) {
      throw new InvalidCelError(
        `${expr.at ? `${expr.at}: ` : ''}${place}: \`${expr.cel}\` is not a CEL expression (KRO refuses the RGD): ${problem}\n` +
          '  hint: Cel.expr pastes its text parts as they are and puts every reference in parentheses; together they must make one complete CEL expression (strings in double quotes)',
        resourceId,
      );
    }
  }
  for (const child of exprChildren(expr)) checkExpr(child, place, resourceId);
}

function syntaxProblem(cel: string): string | undefined {
  try {
    checkCelSyntax(cel);
    return undefined;
  } catch (error) {
    if (error instanceof TypeKroError) return error.message.replace(/^CEL syntax: /, '');
    throw error;
  }
}
