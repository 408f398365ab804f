/**
 * Constant folding for what inlining produces: a nested composition given literals leaves expressions
 * like `optional.of("gold").orValue("standard")` or `string("a")` that are plain constants, and a loop over
 * a constant list leaves tests of its item (`"dev" == "prod" ? a : b`). Only folds whose CEL result is
 * certain: comparisons of two literals of the same kind (equality; order of two numbers), `!`, `&&`, `||` and `?:` on a boolean literal, the
 * ASCII case of a string literal, `hasValue()` of `optional.none()` and of an optional literal.
 */
import { E, type Expr } from './expr.js';

/**
 * `expr` with its constant parts folded. Every compiled value goes through here and most have nothing to
 * fold: a part of the input that does not change is kept, not copied. The root of a compound result is
 * always a new object: callers key what they learn about a compiled value (its type, its source) by that
 * object, and an input node may be another value's root, held by a local's binding.
 */
export function foldConstants(expr: Expr): Expr {
  const folded = foldTree(expr);
  return folded.kind === 'literal' || folded.kind === 'ident' || folded.kind === 'raw' ? folded : Object.freeze({ ...folded });
}

/** Children first, then the node itself (as a bottom-up rewrite), copying only what changed. */
function foldTree(expr: Expr): Expr {
  let next: Expr = expr;
  switch (expr.kind) {
    case 'literal':
    case 'ident':
    case 'raw':
      break;
    case 'select': {
      const target = foldTree(expr.target);
      if (target !== expr.target) next = { ...expr, target };
      break;
    }
    case 'index': {
      const target = foldTree(expr.target);
      const index = foldTree(expr.index);
      if (target !== expr.target || index !== expr.index) next = { ...expr, target, index };
      break;
    }
    case 'call': {
      const target = expr.target && foldTree(expr.target);
      const args = foldAll(expr.args);
      if (target !== expr.target || args !== expr.args) next = target ? { ...expr, target, args } : { ...expr, args };
      break;
    }
    case 'unary': {
      const operand = foldTree(expr.operand);
      if (operand !== expr.operand) next = { ...expr, operand };
      break;
    }
    case 'binary': {
      const left = foldTree(expr.left);
      const right = foldTree(expr.right);
      if (left !== expr.left || right !== expr.right) next = { ...expr, left, right };
      break;
    }
    case 'conditional': {
      const test = foldTree(expr.test);
      const then = foldTree(expr.then);
      const otherwise = foldTree(expr.otherwise);
      if (test !== expr.test || then !== expr.then || otherwise !== expr.otherwise) next = { ...expr, test, then, otherwise };
      break;
    }
    case 'list': {
      const items = foldAll(expr.items);
      if (items !== expr.items) next = { ...expr, items };
      break;
    }
    case 'map': {
      let changed = false;
      const entries = expr.entries.map((entry) => {
        const key = foldTree(entry.key);
        const value = foldTree(entry.value);
        if (key === entry.key && value === entry.value) return entry;
        changed = true;
        return { key, value };
      });
      if (changed) next = { ...expr, entries };
      break;
    }
    case 'macro': {
      const target = foldTree(expr.target);
      const body = foldTree(expr.body);
      if (target !== expr.target || body !== expr.body) next = { ...expr, target, body };
      break;
    }
    case 'template': {
      let changed = false;
      const parts = expr.parts.map((part) => {
        if (typeof part === 'string') return part;
        const folded = foldTree(part);
        if (folded !== part) changed = true;
        return folded;
      });
      if (changed) next = { ...expr, parts };
      break;
    }
  }
  return foldNode(next === expr ? expr : Object.freeze(next));
}

/** `exprs` itself when no item folds, else a new array. */
function foldAll(exprs: readonly Expr[]): readonly Expr[] {
  let out: Expr[] | undefined;
  for (let i = 0; i < exprs.length; i++) {
    const folded = foldTree(exprs[i]!);
    if (folded !== exprs[i] && !out) out = exprs.slice(0, i);
    out?.push(folded);
  }
  return out ?? exprs;
}

function foldNode(node: Expr): Expr {
  const logical = foldLogic(node);
  if (logical) return logical;
  if (node.kind === 'call' && node.fn === 'orValue' && node.target?.kind === 'call' && node.args.length === 1) {
    if (node.target.fn === 'optional.of' && node.target.args.length === 1 && isLiteral(node.target.args[0]!)) return node.target.args[0]!;
    if (node.target.fn === 'optional.none' && node.target.args.length === 0) return node.args[0]!;
  }
  // A nested composition's optional field the parent does not pass is `optional.none()`: `spec.opt?.x` of it
  // tests `.hasValue()` (and cel-js cannot type the untaken `optional.none().value().map(...)`).
  if (node.kind === 'call' && node.fn === 'hasValue' && node.args.length === 0 && node.target?.kind === 'call') {
    if (node.target.fn === 'optional.none' && node.target.args.length === 0) return E.bool(false);
    if (node.target.fn === 'optional.of' && node.target.args.length === 1 && isLiteral(node.target.args[0]!)) return E.bool(true);
  }
  // `t.toLowerCase()` of a constant loop's item: CEL's lowerAscii/upperAscii change the ASCII letters only.
  if (node.kind === 'call' && (node.fn === 'lowerAscii' || node.fn === 'upperAscii') && node.args.length === 0 && node.target && isStringLiteral(node.target)) {
    const text = (node.target as { literal: { value: string } }).literal.value;
    return E.str(node.fn === 'lowerAscii' ? text.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : text.replace(/[a-z]+/g, (s) => s.toUpperCase()));
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
  // `2 > 1` from a constant list's length (`if (envs.length > 1) owner = ...` compiled as a choice): numbers
  // of one kind compare alike in CEL and here.
  if (ORDER.has(node.op) && node.left.kind === 'literal' && node.right.kind === 'literal') {
    const [a, b] = [node.left.literal, node.right.literal];
    const numbers = (a.kind === 'int' && b.kind === 'int') || (a.kind === 'double' && b.kind === 'double');
    if (!numbers) return undefined;
    const [x, y] = [a.value, b.value];
    return E.bool(node.op === '<' ? x < y : node.op === '<=' ? x <= y : node.op === '>' ? x > y : x >= y);
  }
  return undefined;
}

const ORDER = new Set(['<', '<=', '>', '>=']);

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
