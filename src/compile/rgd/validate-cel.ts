/**
 * Hand-written CEL is parsed when the composition is defined: KRO refuses an RGD whose CEL does not parse,
 * and direct mode must not deploy what KRO would refuse. Compiled expressions are printed by TypeKro and
 * valid by construction; only `raw` text (`Cel.expr`, readyWhen/includeWhen strings) needs the check.
 */
import { exprChildren, type Expr } from '../../ir/expr.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { exprLeaves, exprsOf } from '../../ir/value.js';
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
  // Every leaf of every template is searched and almost none is raw: the place of a leaf (its path) is
  // found and written only for the message.
  for (const resource of graph.resources) {
    const where = `resource "${resource.id}"`;
    const template = resource.template ?? {};
    const leaves = exprsOf(template);
    for (let i = 0; i < leaves.length; i++) {
      const found = invalidRaw(leaves[i]!);
      // exprLeaves lists the same leaves in the same order, with their paths.
      if (found) throw invalidCel(found, `${where} field ${exprLeaves(template)[i]!.path.join('.')}`, resource.id);
    }
    for (const expr of resource.includeWhen) {
      const found = invalidRaw(expr);
      if (found) throw invalidCel(found, `${where} includeWhen`, resource.id);
    }
    for (const expr of resource.readyWhen) {
      const found = invalidRaw(expr);
      if (found) throw invalidCel(found, `${where} readyWhen`, resource.id);
    }
    for (const { name, source } of resource.forEach) {
      const found = invalidRaw(source);
      if (found) throw invalidCel(found, `${where} forEach ${name}`, resource.id);
    }
  }
  const status = exprsOf(graph.status);
  for (let i = 0; i < status.length; i++) {
    const found = invalidRaw(status[i]!);
    if (found) throw invalidCel(found, `status.${exprLeaves(graph.status)[i]!.path.join('.')}`);
  }
}

type RawExpr = Extract<Expr, { kind: 'raw' }>;

/** The first raw expression in `expr` (itself, then its children in order) whose CEL does not parse. */
function invalidRaw(expr: Expr): { readonly raw: RawExpr; readonly problem: string } | undefined {
  if (expr.kind === 'raw') {
    const problem = syntaxProblem(expr.cel);
    if (problem !== undefined) return { raw: expr, problem };
  }
  for (const child of exprChildren(expr)) {
    const found = invalidRaw(child);
    if (found) return found;
  }
  return undefined;
}

function invalidCel({ raw, problem }: { readonly raw: RawExpr; readonly problem: string }, place: string, resourceId?: string): InvalidCelError {
  return new InvalidCelError(
    `${raw.at ? `${raw.at}: ` : ''}${place}: \`${raw.cel}\` is not a CEL expression (KRO refuses the RGD): ${problem}\n` +
      '  hint: Cel.expr pastes its text parts as they are and puts every reference in parentheses; together they must make one complete CEL expression (strings in double quotes)',
    resourceId,
  );
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
