/**
 * A nested composition's status field read as a value that may be absent: `c.status.ready ?? -1`,
 * `c.status.tier?.length`, `c.status.tier !== undefined`. The parent compiles them on the handle as CEL
 * optionals (`c.status.?ready.orValue(-1)`, `has(c.status.ready)`), and inlining puts the child's own
 * expression in the handle's place, which is no field to select optionally: `double(d.status.readyReplicas)
 * .orValue(-1.0)` does not compile. A child's status field is absent where its expression cannot be computed
 * (KRO leaves it out, and JavaScript's value is `undefined`): where a field it reads is absent. So the
 * optional is the expression guarded by the presence of the fields it reads, where JavaScript's value is
 * `undefined` there (a field read as it is; any other value computed from an absent field is pending).
 */
import { E, exprChildren, type Expr } from '../ir/expr.js';

/**
 * `expr` (a child's status value) as a CEL optional that is empty where the value is absent; a value the child
 * computes as an optional itself (`spec.a ? a : undefined`: `cond ? optional.of(a) : optional.none()`) is one.
 * @example optionalStatus(E.call('double', [E.path('d', 'status', 'ready')])); // d.?status.?ready.hasValue() ? optional.of(double(d.status.ready)) : optional.none()
 */
export function optionalStatus(expr: Expr): Expr {
  if (isOptional(expr)) return expr;
  if (isChain(expr)) return optionalChain(expr);
  const present = presenceOf(expr);
  return isTrue(present) ? E.call('optional.of', [expr]) : E.cond(present, E.call('optional.of', [expr]), E.call('optional.none', []));
}

/**
 * Whether the child's status value is there.
 * @example statusPresence(E.path('d', 'status', 'ready')); // d.?status.?ready.hasValue()
 */
export function statusPresence(expr: Expr): Expr {
  return presenceOf(expr);
}

/** An expression whose value is a CEL optional: `optional.of(x)`, `optional.none()`, `a.?b`, a choice of them. */
function isOptional(expr: Expr): boolean {
  if (expr.kind === 'call') return !expr.target && (expr.fn === 'optional.of' || expr.fn === 'optional.none');
  if (expr.kind === 'select') return expr.optional || isOptional(expr.target);
  return expr.kind === 'conditional' && isOptional(expr.then) && isOptional(expr.otherwise);
}

/** A field path under an identifier (`d.status.ready`). */
function isChain(expr: Expr): boolean {
  return expr.kind === 'select' && !expr.optional && (expr.target.kind === 'ident' || isChain(expr.target));
}

/** `d.?status.?ready`: empty where any field on the way is absent. */
function optionalChain(expr: Expr): Expr {
  if (expr.kind !== 'select') return expr;
  return E.select(optionalChain(expr.target), expr.field, true);
}

/**
 * True in CEL where the child's value is there, false where JavaScript's is `undefined`: a field it reads as it
 * is (also made a double for a `'number'` field), or a choice of them. Any other value JavaScript computes even
 * from absent fields (`undefined / 2` is NaN, `undefined + '!'` text), and the child's CEL fails on the read
 * there: it is pending in both, as every value built from an absent field is (concrete.ts), so never absent.
 */
function presenceOf(expr: Expr): Expr {
  if (isOptional(expr)) return E.call('hasValue', [], expr);
  if (isChain(expr)) return E.call('hasValue', [], optionalChain(expr));
  if (expr.kind === 'call' && !expr.target && (expr.fn === 'double' || expr.fn === 'dyn') && expr.args.length === 1) return presenceOf(expr.args[0]!);
  if (expr.kind === 'conditional') return both(E.cond(expr.test, presenceOf(expr.then), presenceOf(expr.otherwise)));
  return E.bool(true);
}

/** `a && b` or `t ? a : b` without the parts that are `true`. */
function both(expr: Expr): Expr {
  if (expr.kind === 'binary' && expr.op === '&&') return isTrue(expr.left) ? expr.right : isTrue(expr.right) ? expr.left : expr;
  if (expr.kind === 'conditional' && isTrue(expr.then) && isTrue(expr.otherwise)) return E.bool(true);
  return expr;
}

const isTrue = (expr: Expr): boolean => expr.kind === 'literal' && expr.literal.kind === 'bool' && expr.literal.value;
