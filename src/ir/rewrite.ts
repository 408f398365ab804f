/**
 * Rewriting expressions and the expression leaves of values. `enter` may replace a node outright (top
 * down, its children are not visited); `visit` sees every other node after its children were rewritten.
 */
import type { Expr } from './expr.js';
import { exprValue, isExprValue, type Value } from './value.js';

export function rewriteExpr(expr: Expr, visit: (node: Expr) => Expr, enter?: (node: Expr) => Expr | undefined): Expr {
  const replaced = enter?.(expr);
  if (replaced) return replaced;
  const r = (node: Expr): Expr => rewriteExpr(node, visit, enter);
  let next: Expr;
  switch (expr.kind) {
    case 'literal':
    case 'ident':
    case 'raw':
      next = expr;
      break;
    case 'select':
      next = { ...expr, target: r(expr.target) };
      break;
    case 'index':
      next = { ...expr, target: r(expr.target), index: r(expr.index) };
      break;
    case 'call':
      next = expr.target ? { ...expr, target: r(expr.target), args: expr.args.map(r) } : { ...expr, args: expr.args.map(r) };
      break;
    case 'unary':
      next = { ...expr, operand: r(expr.operand) };
      break;
    case 'binary':
      next = { ...expr, left: r(expr.left), right: r(expr.right) };
      break;
    case 'conditional':
      next = { ...expr, test: r(expr.test), then: r(expr.then), otherwise: r(expr.otherwise) };
      break;
    case 'list':
      next = { ...expr, items: expr.items.map(r) };
      break;
    case 'map':
      next = { ...expr, entries: expr.entries.map((entry) => ({ key: r(entry.key), value: r(entry.value) })) };
      break;
    case 'macro':
      next = { ...expr, target: r(expr.target), body: r(expr.body) };
      break;
    case 'template':
      next = { ...expr, parts: expr.parts.map((part) => (typeof part === 'string' ? part : r(part))) };
      break;
  }
  return visit(Object.freeze(next));
}

/** A copy of `value` with every expression leaf rewritten. */
export function rewriteValue(value: Value, rewrite: (expr: Expr) => Expr): Value {
  if (isExprValue(value)) return exprValue(rewrite(value.expr));
  if (Array.isArray(value)) return value.map((item: Value) => rewriteValue(item, rewrite));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteValue(item as Value, rewrite)]));
  }
  return value;
}

/** The field path of a select chain under `root` (`schema.spec.a.b` → ['spec', 'a', 'b']), if it is one. */
export function selectPath(expr: Expr, root: string): { path: string[]; optional: boolean[] } | undefined {
  const path: string[] = [];
  const optional: boolean[] = [];
  let node = expr;
  while (node.kind === 'select') {
    path.unshift(node.field);
    optional.unshift(node.optional);
    node = node.target;
  }
  return node.kind === 'ident' && node.name === root ? { path, optional } : undefined;
}
