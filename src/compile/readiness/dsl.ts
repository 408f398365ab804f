/**
 * Small builders for the readiness rules (rules.ts): every read of an observed object is an optional
 * selection with a fallback, so a rule evaluates on an object its controller has not written status to
 * yet instead of failing. The object enters as `dyn(self)`: KRO type-checks readyWhen against the
 * resource's schema, and a custom kind's schema may not declare `status.conditions`; `dyn` defers the
 * field lookups to evaluation, where a missing field is simply absent.
 */
import { E, type Expr } from '../../ir/expr.js';

/** The observed object, untyped (see above). */
export const dynamic = (self: Expr): Expr => E.call('dyn', [self]);

/** `o.?a.?b` (an optional). */
export const optional = (o: Expr, path: string): Expr => path.split('.').reduce((target, field) => E.select(target, field, true), o);

/** `o.?a.?b.orValue(fallback)`. */
export const field = (o: Expr, path: string, fallback: Expr): Expr => E.call('orValue', [fallback], optional(o, path));

/** True when `o.a.b` is present. */
export const present = (o: Expr, path: string): Expr => E.call('hasValue', [], optional(o, path));

export const str = E.str;
export const int = E.int;
export const and = (...terms: Expr[]): Expr => terms.reduceRight((right, left) => E.binary('&&', left, right));
export const or = (...terms: Expr[]): Expr => terms.reduceRight((right, left) => E.binary('||', left, right));
export const not = (term: Expr): Expr => E.unary('!', term);
export const eq = (left: Expr, right: Expr): Expr => E.binary('==', left, right);
export const ne = (left: Expr, right: Expr): Expr => E.binary('!=', left, right);
export const ge = (left: Expr, right: Expr): Expr => E.binary('>=', left, right);
export const lt = (left: Expr, right: Expr): Expr => E.binary('<', left, right);
export const gt = (left: Expr, right: Expr): Expr => E.binary('>', left, right);
export const oneOf = (value: Expr, options: readonly string[]): Expr => E.binary('in', value, E.list(options.map(str)));
/** `string(n)`, to put a number in a message. */
export const text = (value: Expr): Expr => E.call('string', [value]);
/** String concatenation of literal text and string expressions. */
export const concat = (...parts: (string | Expr)[]): Expr => E.template(parts);

/** The first branch whose test holds, else `otherwise`: nested conditionals. */
export function firstOf(branches: readonly (readonly [Expr, Expr])[], otherwise: Expr): Expr {
  return branches.reduceRight((rest, [test, then]) => E.cond(test, then, rest), otherwise);
}

/** `metadata.generation` (0 for an object that has none, e.g. a manifest not yet applied). */
export const generation = (o: Expr): Expr => field(o, 'metadata.generation', int(0));

/** The status conditions as a list (empty when absent). */
export const conditions = (o: Expr): Expr => field(o, 'status.conditions', E.list([]));

/** The first condition of a type, as an optional. */
export const condition = (o: Expr, type: string): Expr =>
  E.index(E.macro('filter', conditions(o), 'c', eq(field(E.ident('c'), 'type', str('')), str(type))), int(0), true);

/** A field of a condition, `""` when the condition or the field is absent. */
export const conditionField = (o: Expr, type: string, name: 'status' | 'reason' | 'message'): Expr => field(condition(o, type), name, str(''));

/** True when a condition of the type is present. */
export const hasCondition = (o: Expr, type: string): Expr => E.call('hasValue', [], condition(o, type));

/** True when the condition's status is `True`. */
export const conditionTrue = (o: Expr, type: string): Expr => eq(conditionField(o, type, 'status'), str('True'));

/** `Type=Status (Reason): message`, the empty parts left out. */
export function describeCondition(o: Expr, type: string): Expr {
  const reason = conditionField(o, type, 'reason');
  const message = conditionField(o, type, 'message');
  return concat(
    `${type}=`,
    E.cond(eq(conditionField(o, type, 'status'), str('')), str('Unknown'), conditionField(o, type, 'status')),
    E.cond(eq(reason, str('')), str(''), concat(' (', reason, ')')),
    E.cond(eq(message, str('')), str(''), concat(': ', message)),
  );
}

/** `; Type=Status (Reason): message` for every condition that is not True, for messages; `""` when none. */
export function otherConditions(o: Expr): Expr {
  const c = E.ident('c');
  const part = (name: string): Expr => field(c, name, str(''));
  const one = concat(
    part('type'),
    '=',
    part('status'),
    E.cond(eq(part('reason'), str('')), str(''), concat(' (', part('reason'), ')')),
    E.cond(eq(part('message'), str('')), str(''), concat(': ', part('message'))),
  );
  const notTrue = E.macro('filter', conditions(o), 'c', ne(part('status'), str('True')));
  return E.cond(eq(E.call('size', [notTrue]), int(0)), str(''), concat('; ', E.call('join', [str('; ')], E.macro('map', notTrue, 'c', one))));
}
