/**
 * Rewriting expressions and the expression leaves of values. `enter` may replace a node outright (top
 * down, its children are not visited); `visit` sees every other node after its children were rewritten.
 */
import type { Expr } from './expr.js';
import { exprValue, isExprValue, type Value } from './value.js';

export function rewriteExpr(expr: Expr, visit: (node: Expr) => Expr, enter?: (node: Expr) => Expr | undefined): Expr {
  const replaced = enter?.(expr);
  if (replaced) return replaced;
  // Every compiled value is folded through here: the children are rewritten by direct calls, with no
  // closure made per node (under tsx each closure made also gets its name defined).
  let next: Expr;
  switch (expr.kind) {
    case 'literal':
    case 'ident':
    case 'raw':
      next = expr;
      break;
    case 'select':
      next = { ...expr, target: rewriteExpr(expr.target, visit, enter) };
      break;
    case 'index':
      next = { ...expr, target: rewriteExpr(expr.target, visit, enter), index: rewriteExpr(expr.index, visit, enter) };
      break;
    case 'call':
      next = expr.target
        ? { ...expr, target: rewriteExpr(expr.target, visit, enter), args: rewriteAll(expr.args, visit, enter) }
        : { ...expr, args: rewriteAll(expr.args, visit, enter) };
      break;
    case 'unary':
      next = { ...expr, operand: rewriteExpr(expr.operand, visit, enter) };
      break;
    case 'binary':
      next = { ...expr, left: rewriteExpr(expr.left, visit, enter), right: rewriteExpr(expr.right, visit, enter) };
      break;
    case 'conditional':
      next = { ...expr, test: rewriteExpr(expr.test, visit, enter), then: rewriteExpr(expr.then, visit, enter), otherwise: rewriteExpr(expr.otherwise, visit, enter) };
      break;
    case 'list':
      next = { ...expr, items: rewriteAll(expr.items, visit, enter) };
      break;
    case 'map':
      next = { ...expr, entries: expr.entries.map((entry) => ({ key: rewriteExpr(entry.key, visit, enter), value: rewriteExpr(entry.value, visit, enter) })) };
      break;
    case 'macro':
      next = { ...expr, target: rewriteExpr(expr.target, visit, enter), body: rewriteExpr(expr.body, visit, enter) };
      break;
    case 'template':
      next = { ...expr, parts: expr.parts.map((part) => (typeof part === 'string' ? part : rewriteExpr(part, visit, enter))) };
      break;
  }
  return visit(Object.freeze(next));
}

/** Each of `exprs` rewritten, in order, into a new array. */
function rewriteAll(exprs: readonly Expr[], visit: (node: Expr) => Expr, enter: ((node: Expr) => Expr | undefined) | undefined): Expr[] {
  const out: Expr[] = new Array<Expr>(exprs.length);
  for (let i = 0; i < exprs.length; i++) out[i] = rewriteExpr(exprs[i]!, visit, enter);
  return out;
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
