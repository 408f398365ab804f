/**
 * `<`, `<=`, `>`, `>=`: JavaScript's `undefined` compares false, an untyped value may be JSON null, and text
 * is ordered by UTF-16 code units in JavaScript but by code points in CEL (text-refusals.ts).
 */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T } from '../ir/types.js';
import type { Scope } from './scope.js';
import { intOrString, syntaxError } from './errors.js';
import { andPresent, orValue, plain, unifyNumeric, valueOf, type Typed } from './typed.js';
import { untypedOperand, type UntypedOperand } from './untyped-null.js';
import { refuseDateTimeComparison } from './operand-meaning.js';
import { checkComparable } from './branch-unify.js';
import { requireTextOrder } from './text-refusals.js';
import { utf16Order } from './utf16.js';

export type Relation = '<' | '<=' | '>' | '>=';

export function relation(node: Node, a: Typed, b: Typed, op: Relation, scope: Scope): Typed {
  if (a.nullish || b.nullish) throw syntaxError(node, 'comparing with `undefined`/`null` is always false in JavaScript', 'compare with a real value');
  // `targetPort > 1000` converts "http" to NaN (false) and "8080" to 8080 in JavaScript; CEL has no `string > int`.
  if ([a, b].some((t) => t.type.kind === 'dyn' && t.type.intOrString)) {
    throw intOrString(node, `\`${op}\``, "compare the number the field was set from (e.g. `spec.port > 1000` rather than `svc.spec.ports[0].targetPort > 1000`), or write the CEL for both cases with Cel.expr (`type(value) == int && value > 1000`)");
  }
  checkComparable(node, a, b);
  refuseDateTimeComparison(node, a, b, op);
  requireTextOrder(node, a.type, b.type, op);
  if (a.type.kind === 'dyn' || b.type.kind === 'dyn') return plain(untypedRelation(a, b, op, scope), T.bool);
  const [l, r] = unifyNumeric(a, b);
  const shortcut = orValueShortcut(l, r, op);
  if (shortcut) return plain(shortcut, T.bool);
  return plain(andPresent(a, andPresent(b, E.binary(op, valueOf(l), valueOf(r)))), T.bool);
}

/**
 * `<`, `>`, ... beside a value of unknown type, which may be JSON null (trial 7 V02, V06): `has()` finds the
 * null and CEL's `null > 1` fails (no such overload) where JavaScript gives a value. Each side reads as
 * untypedOperand gives it; a side that is not set makes the comparison false (`undefined > 1`).
 */
function untypedRelation(a: Typed, b: Typed, op: Relation, scope: Scope): Expr {
  const side = (t: Typed): UntypedOperand => (t.type.kind === 'dyn' ? untypedOperand(t, scope) : { value: valueOf(t), ...(t.absent && { set: t.absent.present }) });
  const [l, r] = [side(a), side(b)];
  // Two values of unknown type may both be text, which JavaScript orders by UTF-16 code units (utf16.ts).
  const test = a.type.kind === 'dyn' && b.type.kind === 'dyn' ? utf16Order(op, l.value, r.value) : E.binary(op, l.value, r.value);
  const set = l.set && r.set ? E.binary('&&', l.set, r.set) : (l.set ?? r.set);
  return set ? E.binary('&&', set, test) : test;
}

/**
 * `d.status.?readyReplicas.orValue(0) > 0`: when exactly one side may be absent and the other is an int
 * literal, a default that makes the comparison false (like JavaScript's `undefined > 0`) is shorter.
 */
function orValueShortcut(l: Typed, r: Typed, op: Relation): Expr | undefined {
  const [maybe, literal, flipped] = l.absent && !r.absent ? [l, r.expr, false] : r.absent && !l.absent ? [r, l.expr, true] : [];
  if (!maybe || literal?.kind !== 'literal' || literal.literal.kind !== 'int' || maybe.type.kind !== 'int') return undefined;
  // Normalise to `maybe OP value`.
  const effective: Relation = flipped ? ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as const)[op] : op;
  const value = literal.literal.value;
  const falsy = effective === '>' || effective === '<' ? value : effective === '>=' ? value - 1n : value + 1n;
  const read = orValue(maybe, E.int(falsy));
  return flipped ? E.binary(op, literal, read) : E.binary(op, read, literal);
}
