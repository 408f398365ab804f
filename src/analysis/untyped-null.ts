/**
 * JSON `null` in a value of unknown type. KRO types observed objects and the spec by their schemas, where a
 * null in a declared field is not set; in an untyped part (x-kubernetes-preserve-unknown-fields, an untyped
 * custom resource's status, a spec `unknown`) it keeps the null (`UnstructuredToVal` types nothing there, as
 * `openApiToCel` in direct mode), and `has(x.f)` and `x.?f` find it (tools/cel-oracle). JavaScript's `??`,
 * `== null`, `?.` and truthiness treat null like `undefined`; CEL must test for it too.
 *
 * Where `null` and `undefined` differ (`===`): the instance spec is the object the user wrote, so a null in
 * an untyped part of it is `null`. An observed object is read as the cluster types it (composition/
 * concrete-view.ts `withoutNullFields`: a null field is not set), so there `=== undefined` holds for null too.
 */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { mapOrEmptyOperand } from '../ir/untyped-target.js';
import { isSpecData, isSpecItem } from './absent-spec.js';
import { syntaxError } from './errors.js';
import type { Scope } from './scope.js';
import { orValue, toOptional, valueOf, type Typed } from './typed.js';

/**
 * True where `t` is absent or JSON null: `dyn(x.?f).orValue(null) == null`. `dyn(...)` keeps it valid where
 * KRO knows the field's type (cel-go refuses `orValue(null)` on `optional(string)`).
 */
export function isNullish(t: Typed): Expr {
  if (!t.absent) return E.binary('==', E.call('dyn', [t.expr]), E.null());
  return E.binary('==', E.call('orValue', [E.null()], E.call('dyn', [toOptional(t)])), E.null());
}

/**
 * `x == null`, `x === undefined`, `x === null` (`literal`: which was written, `strict`: `===`) over a value
 * of unknown type, before any negation (`!=`, `!==`).
 */
export function untypedNullTest(node: Node, t: Typed, literal: 'null' | 'undefined', strict: boolean, scope: Scope): Expr {
  const read = valueOf(t);
  if (!strict || strictReading(node, t, `=== ${literal}`, scope) === 'cluster') {
    if (strict && literal === 'null') {
      throw syntaxError(
        node,
        '`=== null` on a value of unknown type read from a cluster object: the object is read as the cluster types it, where a field holding null is not set, so JavaScript would never see `null` here',
        'test whether the field is set with `== null` (absent or null) or `=== undefined`',
      );
    }
    return isNullish(t);
  }
  // Spec data keeps its nulls: `=== undefined` is "absent", `=== null` is "present and null".
  if (literal === 'undefined') return t.absent ? E.unary('!', t.absent.present) : E.bool(false);
  const isNull = E.binary('==', E.call('dyn', [read]), E.null());
  return t.absent ? E.binary('&&', t.absent.present, isNull) : isNull;
}

/**
 * Where a value of unknown type under `===` comes from: spec data keeps its nulls, a cluster object's field
 * holding null is not set. A computed value may carry either: refused.
 */
function strictReading(node: Node, t: Typed, what: string, scope: Scope): 'spec' | 'cluster' {
  const read = valueOf(t);
  if (readsSpec(read, scope)) return 'spec';
  if (readsCluster(read, scope)) return 'cluster';
  throw syntaxError(
    node,
    `\`${what}\` on a computed value of unknown type: JSON null and \`undefined\` reach it from the spec and from cluster objects with different meanings, and CEL cannot tell them apart exactly here`,
    'test whether the value is set with `== null` (absent or null), or compare the fields themselves',
  );
}

/** A read of spec data, also through an optional chain's `.value()` (`schema.spec.?o.?x.value()`). */
function readsSpec(read: Expr, scope: Scope): boolean {
  return isSpecData(read.kind === 'call' && read.fn === 'value' && read.target ? read.target : read, scope);
}

/** A field read from a cluster object: a path from a resource's variable, not from the spec or a spec item. */
function readsCluster(read: Expr, scope: Scope): boolean {
  let node = read.kind === 'call' && read.fn === 'value' && read.target ? read.target : read;
  for (;;) {
    const operand = mapOrEmptyOperand(node);
    if (operand) node = operand;
    else if (node.kind === 'select' || node.kind === 'index') node = node.target;
    else break;
  }
  return node.kind === 'ident' && node.name !== 'schema' && !isSpecItem(scope, node.name);
}

/**
 * `a ?? b` where `b` may be absent too: the first of them that is neither absent nor null, as an optional.
 * A null `b` gives none: the value is `undefined` in JavaScript for a cluster object (where a null field is
 * not set), and a status field holding null is not set either.
 */
export function untypedOr(a: Typed, b: Typed): Expr {
  const none = E.call('optional.none', []);
  const second = b.type.kind === 'dyn' ? E.cond(isNullish(b), none, toOptional(b)) : toOptional(b);
  return a.type.kind === 'dyn' ? E.cond(isNullish(a), second, toOptional(a)) : E.call('or', [second], toOptional(a));
}

/**
 * An index argument JavaScript converts to a position: `undefined` to the method's own (`whenUndefined`:
 * `substring(1, undefined)` runs to the end), `null` to 0 (`whenNull`). A null in an observed object is not
 * set (`undefined`); one in spec data is null.
 */
export function positionOf(t: Typed, scope: Scope, whenUndefined: Expr, whenNull: Expr): Expr {
  if (t.type.kind !== 'dyn') return t.absent ? orValue(t, whenUndefined) : valueOf(t);
  const read = valueOf(t);
  const nullish = readsSpec(read, scope) ? (t.absent ? E.cond(t.absent.present, whenNull, whenUndefined) : whenNull) : whenUndefined;
  return E.cond(isNullish(t), nullish, read);
}

/**
 * Where `t` counts as there when it is compared with another value that may be absent: `===` on spec data
 * keeps nulls (`null === undefined` is false); on a cluster object a null field is not set.
 */
export function presence(node: Node, t: Typed, op: string, scope: Scope): Expr {
  const present = t.absent?.present ?? E.bool(true);
  if (t.type.kind !== 'dyn' || strictReading(node, t, op, scope) === 'spec') return present;
  return E.unary('!', isNullish(t));
}

/** `==` beside a value of unknown type converts between types in JavaScript; CEL's `==` never does. */
export function refuseLooseUntyped(node: Node, a: Typed, b: Typed, op: '==' | '!='): void {
  if (a.type.kind !== 'dyn' && b.type.kind !== 'dyn') return;
  throw syntaxError(
    node,
    `\`${op}\` on a value of unknown type converts between types in JavaScript (\`0 == ''\`, \`1 == '1'\` and \`['a'] == 'a'\` are true), which CEL's \`==\` never does`,
    `compare without conversion: \`${op}=\``,
  );
}

/** A value of unknown type as an operand: its value, and where JavaScript reads it as other than `undefined`. */
export interface UntypedOperand {
  value: Expr;
  set?: Expr;
}

/**
 * A value of unknown type beside `<`, `>`, ...: JavaScript compares a spec's null as 0 (`null < 1` is true),
 * and a cluster object's null field, which is not set, as `undefined` (every comparison false), as is a
 * field that is absent.
 */
export function untypedOperand(t: Typed, scope: Scope): UntypedOperand {
  const read = valueOf(t);
  if (!readsSpec(read, scope)) return { value: read, set: E.unary('!', isNullish(t)) };
  return { value: E.cond(isNullish(t), E.int(0), read), ...(t.absent && { set: t.absent.present }) };
}
