/**
 * Constant folding for what inlining produces: a nested composition given literals leaves expressions
 * like `optional.of("gold").orValue("standard")` or `string("a")` that are plain constants, and a loop over
 * a constant list leaves tests of its item (`"dev" == "prod" ? a : b`). Only folds whose CEL result is
 * certain: comparisons of two literals of the same kind, `!`, `&&`, `||` and `?:` on a boolean literal.
 */
import { E, type Expr } from './expr.js';
import { rewriteExpr } from './rewrite.js';

export function foldConstants(expr: Expr): Expr {
  return rewriteExpr(expr, foldNode);
}

function foldNode(node: Expr): Expr {
  const logical = foldLogic(node);
  if (logical) return logical;
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

function foldLogic(node: Expr): Expr | undefined {
  if (node.kind === 'unary' && node.op === '!') {
    const value = boolOf(node.operand);
    return value === undefined ? undefined : E.bool(!value);
  }
  if (node.kind === 'conditional') {
    const test = boolOf(node.test);
    return test === undefined ? undefined : test ? node.then : node.otherwise;
  }
  if (node.kind !== 'binary') return undefined;
  if (node.op === '&&' || node.op === '||') {
    const left = boolOf(node.left);
    if (left === undefined) return undefined;
    return (node.op === '&&') === left ? node.right : E.bool(left);
  }
  if ((node.op === '==' || node.op === '!=') && node.left.kind === 'literal' && node.right.kind === 'literal') {
    const [a, b] = [node.left.literal, node.right.literal];
    if (a.kind !== b.kind || a.kind === 'null' || b.kind === 'null') return undefined;
    return E.bool((a.value === b.value) === (node.op === '=='));
  }
  return undefined;
}

function boolOf(node: Expr): boolean | undefined {
  return node.kind === 'literal' && node.literal.kind === 'bool' ? node.literal.value : undefined;
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
