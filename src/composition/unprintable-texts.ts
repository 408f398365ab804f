/**
 * Texts CEL cannot hold (a lone UTF-16 surrogate: compile/cel/print.ts's LoneSurrogateError), refused when the
 * composition is defined rather than when the RGD is rendered or the plan compiled (trial 18 F1: the printer
 * used to write U+FFFD, silently). Source expressions are refused at the literal that holds the text; values
 * that did not come from source (a template JavaScript built, Cel.expr, withIncludeWhen) by the graph backstop.
 */
import type { Node } from '@babel/types';
import { walk } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import { LoneSurrogateError, loneSurrogateIndex, unprintableText } from '../compile/cel/print.js';
import { CompositionError } from '../compile/rgd/errors.js';
import type { Expr } from '../ir/expr.js';
import type { CompositionGraph } from '../ir/graph.js';
import { exprLeaves, exprsOf } from '../ir/value.js';

/** Refuses `expr`, compiled from `node`, when it writes a text CEL cannot hold. */
export function refuseUnprintable(expr: Expr, node: Node): void {
  const text = unprintableText(expr);
  if (text !== undefined) throw syntaxError(literalHolding(node) ?? node, LoneSurrogateError.why(text), LoneSurrogateError.hint);
}

/** The first string or template literal under `node` whose text holds a lone surrogate. */
function literalHolding(node: Node): Node | undefined {
  let found: Node | undefined;
  walk(node, (child) => {
    if (found) return false;
    const texts = child.type === 'StringLiteral' ? [child.value] : child.type === 'TemplateLiteral' ? child.quasis.map((q) => q.value.cooked ?? '') : [];
    if (texts.some((text) => loneSurrogateIndex(text) >= 0)) found = child;
    return undefined;
  });
  return found;
}

/** The backstop: every expression of the finished graph, refused with the status path or the resource's place. */
export function checkGraphTexts(graph: Pick<CompositionGraph, 'status' | 'resources'>): void {
  const fail = (where: string, text: string, resourceId?: string): never => {
    throw new CompositionError(`${where}: ${LoneSurrogateError.why(text)}\n  hint: ${LoneSurrogateError.hint}`, resourceId);
  };
  // The status's paths are made only for a message: a first look without them (every leaf of every definition).
  if (exprsOf(graph.status).some((expr) => unprintableText(expr) !== undefined)) {
    for (const leaf of exprLeaves(graph.status)) {
      const text = unprintableText(leaf.expr);
      if (text !== undefined) fail(`status.${leaf.path.join('.')}`, text);
    }
  }
  for (const resource of graph.resources) {
    const exprs = resource.template !== undefined ? exprsOf(resource.template) : [];
    exprs.push(...resource.includeWhen, ...resource.readyWhen);
    for (const dimension of resource.forEach) exprs.push(dimension.source);
    for (const expr of exprs) {
      const text = unprintableText(expr);
      if (text === undefined) continue;
      const at = resource.source ? `${resource.source.file}:${resource.source.line}:${resource.source.column}: resource "${resource.id}"` : `resource "${resource.id}"`;
      fail(at, text, resource.id);
    }
  }
}
