/**
 * Constant folding for what inlining produces: a nested composition given literals leaves expressions
 * like `optional.of("gold").orValue("standard")` or `string("a")` that are plain constants.
 */
import { E, type Expr } from './expr.js';
import { rewriteExpr } from './rewrite.js';

export function foldConstants(expr: Expr): Expr {
  return rewriteExpr(expr, foldNode);
}

function foldNode(node: Expr): Expr {
  if (node.kind === 'call' && node.fn === 'orValue' && node.target?.kind === 'call' && node.args.length === 1) {
    if (node.target.fn === 'optional.of' && node.target.args.length === 1 && isLiteral(node.target.args[0]!)) return node.target.args[0]!;
    if (node.target.fn === 'optional.none' && node.target.args.length === 0) return node.args[0]!;
  }
  if (node.kind === 'call' && node.fn === 'string' && !node.target && node.args.length === 1) {
    const [arg] = node.args;
    if (arg?.kind === 'literal' && arg.literal.kind === 'string') return arg;
  }
  if (node.kind === 'template' && node.parts.every((part) => typeof part === 'string' || isStringLiteral(part))) {
    return E.str(node.parts.map((part) => (typeof part === 'string' ? part : (part as { literal: { value: string } }).literal.value)).join(''));
  }
  if (node.kind === 'template') {
    const parts = node.parts.map((part) => (typeof part !== 'string' && isStringLiteral(part) ? (part as { literal: { value: string } }).literal.value : part));
    return E.template(mergeText(parts));
  }
  return node;
}

function isLiteral(node: Expr): boolean {
  return node.kind === 'literal';
}

function isStringLiteral(node: Expr): boolean {
  return node.kind === 'literal' && node.literal.kind === 'string';
}

function mergeText(parts: readonly (string | Expr)[]): (string | Expr)[] {
  const merged: (string | Expr)[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  return merged;
}
