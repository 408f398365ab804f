/**
 * Typed intermediate results of compiling JavaScript, and the JavaScript-semantics helpers built on them:
 * absent values (JS `undefined` vs CEL "no such key"), truthiness, numeric kinds and string coercion.
 */
import type { Node } from '@babel/types';
import { base64Text, E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { javaScriptText } from '../ir/javascript-text.js';
import { HINT, syntaxError } from './errors.js';
import type { Scope } from './scope.js';
import { snippetOf } from './source.js';
import { withArticle } from '../util/article.js';

/** How a value that may be `undefined` in JavaScript is tested and read in CEL. */
export interface Absence {
  /** A bool expression: the value is there. */
  readonly present: Expr;
  /** The value itself, valid only where `present` holds. */
  readonly value: Expr;
  /** True when the whole-value expression is a CEL `optional(T)` (from `?.`, `find`, `c ? x : undefined`). */
  readonly wrapped: boolean;
  /**
   * The value as a CEL optional when a plain `.?f` on the last step is not enough: a field read through an
   * object that may itself be absent (`ns.status.phase` before the Namespace has a status) is optional from
   * the first absent step on (`ns.?status.?phase`), as JavaScript reads it `undefined` either way.
   */
  readonly optional?: Expr;
}

/** A compiled JavaScript expression. */
export interface Typed {
  /** The expression used as a whole value (a maybe-absent field stays a plain read: pending = omitted). */
  readonly expr: Expr;
  /** The value's type when it is there. */
  readonly type: CelType;
  /** Set when JavaScript could see `undefined` here. */
  readonly absent?: Absence;
  /**
   * The literal `undefined` or `null` (also through a name: a missing argument is `undefined`). Which one
   * matters to `===` and to text; elsewhere both are nullish.
   */
  readonly nullish?: 'undefined' | 'null';
  /**
   * The bytes value a read gave, before it became its base64 text ({@link asJavaScriptText}): `Cel.*`
   * arguments are CEL, where `string(secret.data.x)` is the decoded text.
   */
  readonly bytes?: Expr;
}

/** The recursive entry points the operator and call compilers use (kept here to avoid import cycles). */
export interface Compiler {
  value(node: Node, scope: Scope, expect?: CelType): Typed;
  condition(node: Node, scope: Scope): Expr;
}

export const plain = (expr: Expr, type: CelType): Typed => ({ expr, type });

export const undefinedValue: Typed = { expr: E.null(), type: T.null, nullish: 'undefined' };
export const nullValue: Typed = { expr: E.null(), type: T.null, nullish: 'null' };

/** A read of a field that may be missing: `has(sel)` tests it. */
export function fieldRead(select: Expr, type: CelType): Typed {
  return { expr: select, type, absent: { present: E.call('has', [select]), value: select, wrapped: false } };
}

/**
 * `object.name` where `object` may be absent: present only when every step is, and optional from the first
 * absent step (`ns.?status.?phase`); the whole value stays a plain read (pending while absent).
 */
export function fieldReadThrough(object: Typed, name: string, type: CelType, fieldOptional: boolean): Typed {
  const select = E.select(valueOf(object), name);
  const present = fieldOptional ? andPresent(object, E.call('has', [select])) : (object.absent?.present ?? E.bool(true));
  return { expr: select, type, absent: { present, value: select, wrapped: false, optional: E.select(toOptional(object), name, true) } };
}

/** A CEL `optional(type)` value. */
export function wrappedValue(expr: Expr, type: CelType): Typed {
  return { expr, type, absent: { present: E.call('hasValue', [], expr), value: E.call('value', [], expr), wrapped: true } };
}

/** The value assuming it is present. */
export const valueOf = (t: Typed): Expr => t.absent?.value ?? t.expr;

/** The value as a CEL optional: `a.?f` for field reads, `l[?i]` for index reads, `optional.of(x)` otherwise. */
export function toOptional(t: Typed): Expr {
  if (t.absent?.wrapped) return t.expr;
  if (t.absent?.optional) return t.absent.optional;
  const v = valueOf(t);
  if (t.absent && v.kind === 'select' && !v.optional) return E.select(v.target, v.field, true);
  if (t.absent && v.kind === 'index' && !v.optional) return E.index(v.target, v.index, true);
  if (t.absent) return E.cond(t.absent.present, E.call('optional.of', [v]), E.call('optional.none', []));
  return E.call('optional.of', [v]);
}

/** The value, or `fallback` when absent: `a.?f.orValue(d)` where possible. */
export function orValue(t: Typed, fallback: Expr): Expr {
  if (!t.absent) return t.expr;
  const v = t.absent.value;
  if (t.absent.wrapped || (v.kind === 'select' && !v.optional) || (v.kind === 'index' && !v.optional)) {
    return E.call('orValue', [fallback], toOptional(t));
  }
  return E.cond(t.absent.present, v, fallback);
}

/** `present && test`, simplified when either side is trivially true. */
export function andPresent(t: Typed, test: Expr): Expr {
  if (!t.absent) return test;
  if (test.kind === 'literal' && test.literal.kind === 'bool' && test.literal.value) return t.absent.present;
  return E.binary('&&', t.absent.present, test);
}

const isNumeric = (type: CelType): boolean => type.kind === 'int' || type.kind === 'double';

/** JavaScript truthiness as a CEL bool: `has(x) && x != ""` and so on, per type. */
export function truthy(t: Typed, node: Node): Expr {
  if (t.nullish) return E.bool(false);
  const v = valueOf(t);
  switch (t.type.kind) {
    case 'bool':
      return andPresent(t, v);
    case 'int':
      return andPresent(t, E.binary('!=', v, E.int(0)));
    case 'double':
      return andPresent(t, doubleTruthy(v));
    case 'string':
      return andPresent(t, E.binary('!=', v, E.str('')));
    case 'dyn':
      // Unknown type at compile time: compare against every falsy JavaScript value (heterogeneous `in`), and
      // NaN, which `in` never finds (`type(v) != double || v == v`: a list holding NaN is not equal to itself).
      return andPresent(t, E.binary('&&', E.unary('!', E.binary('in', v, E.list([E.bool(false), E.int(0), E.double(0), E.str(''), E.null()]))), notNaN(v)));
    case 'null':
      return E.bool(false);
    case 'bytes':
      throw syntaxError(node, 'the truthiness of a bytes value cannot be expressed', HINT.expr);
    default:
      return andPresent(t, E.bool(true));
  }
}

/**
 * A double's truthiness: neither zero (nor -0) nor NaN, which is falsy in JavaScript but `!= 0.0` in CEL (trial
 * 18 F2: `ratio || 0`, the usual guard of `0 / 0`, kept NaN). Both comparisons are false for 0, -0 and NaN.
 */
function doubleTruthy(v: Expr): Expr {
  if (v.kind === 'literal' && v.literal.kind === 'double') return E.bool(v.literal.value !== 0 && !Number.isNaN(v.literal.value));
  return E.binary('||', E.binary('>', v, E.double(0)), E.binary('<', v, E.double(0)));
}

/** `type(v) != double || v == v` for a value of unknown type: false only for NaN. */
function notNaN(v: Expr): Expr {
  return E.binary('||', E.binary('!=', E.call('type', [v]), E.call('type', [E.double(0)])), E.binary('==', v, v));
}

/** `double(x)` for an int (a literal becomes `1.0`); doubles and others unchanged. */
export function toDouble(t: Typed): Typed {
  if (t.type.kind !== 'int') return t;
  const v = valueOf(t);
  const expr = v.kind === 'literal' && v.literal.kind === 'int' ? E.double(Number(v.literal.value)) : E.call('double', [v]);
  // A maybe-absent int stays maybe-absent; defaults then use `has(x) ? double(x) : d`.
  return t.absent ? { expr, type: T.double, absent: { present: t.absent.present, value: expr, wrapped: false } } : plain(expr, T.double);
}

/** Brings an int and a double to the same kind (CEL has no cross-type numeric comparison). */
export function unifyNumeric(a: Typed, b: Typed): [Typed, Typed] {
  if (a.type.kind === 'int' && b.type.kind === 'double') return [toDouble(a), b];
  if (a.type.kind === 'double' && b.type.kind === 'int') return [a, toDouble(b)];
  return [a, b];
}

/** Whether two types may meet in `==`, `?:` or `??` without conversion. */
export function compatible(a: CelType, b: CelType): boolean {
  if (a.kind === 'dyn' || b.kind === 'dyn' || a.kind === 'null' || b.kind === 'null') return true;
  // An object literal where a map is (`spec.labels ?? {}`): CEL has one map type for both.
  if (a.kind === 'map' && b.kind === 'object' && !b.open) return Object.values(b.fields).every((field) => compatible(a.value, field.type));
  if (a.kind === 'object' && b.kind === 'map') return compatible(b, a);
  if (a.kind !== b.kind) return false;
  if (a.kind === 'list' && b.kind === 'list') return compatible(a.item, b.item);
  if (a.kind === 'map' && b.kind === 'map') return compatible(a.value, b.value);
  return true;
}

export const describe = (type: CelType): string => (type.kind === 'list' ? `list(${describe(type.item)})` : type.kind);

/** A string-typed CEL expression for `node`, as JavaScript would coerce it in `+` or a template literal. */
export function stringify(t: Typed, node: Node): Expr {
  const v = valueOf(t);
  switch (t.type.kind) {
    case 'string':
      return v;
    case 'int':
    case 'bool':
    case 'dyn':
      if (v.kind === 'literal' && v.literal.kind === 'int') return E.str(v.literal.value.toString());
      if (v.kind === 'literal' && v.literal.kind === 'bool') return E.str(String(v.literal.value));
      // A value typed only when read may be a double, which CEL's string() writes Go's way (trial 21 F1).
      return javaScriptText(v, t.type);
    case 'double':
      return v.kind === 'literal' && v.literal.kind === 'double' ? E.str(String(v.literal.value)) : javaScriptText(v, t.type);
    case 'timestamp':
      if (t.type.kubernetesTime) return E.call('string', [v]);
      throw syntaxError(
        node,
        'this timestamp field (format date-time in its schema) is text in JavaScript, in whatever form its writer chose (fractional seconds, an offset), while CEL holds a timestamp whose string() may print it differently',
        "write the CEL yourself with Cel.expr<string>('string(', value, ')') if the normalized RFC 3339 form is what you want",
      );
    default:
      if (t.nullish) {
        // A literal or a name always `undefined` here (a missing argument): JavaScript writes the word.
        const read = snippetOf(node);
        if (read === t.nullish) throw syntaxError(node, `JavaScript turns \`${read}\` into the text "${read}"`, `write the text you mean ('${read}' if it is that word), or leave it out`);
        throw syntaxError(node, `\`${read}\` is always \`${t.nullish}\` here, which JavaScript turns into the text "${t.nullish}"`, `give it a default (\`${read} ?? '<text>'\`), or leave it out of the text`);
      }
      throw syntaxError(node, `${withArticle(describe(t.type))} value cannot be used as text`, HINT.template);
  }
}

/** Two operands where one is text: a Kubernetes timestamp on the other side is the text JavaScript reads. */
export function textBeside(a: Typed, b: Typed): [Typed, Typed] {
  return a.type.kind === 'string' || b.type.kind === 'string' ? [kubernetesTimeText(a), kubernetesTimeText(b)] : [a, b];
}

/**
 * A Kubernetes-written timestamp as the text JavaScript reads (`string(ts)`, the same characters), kept
 * maybe-absent as it was; anything else unchanged. `ts ?? 'unknown'` and `ts === 'x'` then work on text.
 */
export function kubernetesTimeText(t: Typed): Typed {
  if (t.type.kind !== 'timestamp' || !t.type.kubernetesTime) return t;
  const text = E.call('string', [valueOf(t)]);
  return t.absent ? { expr: text, type: T.string, absent: { present: t.absent.present, value: text, wrapped: false } } : plain(text, T.string);
}

export { isNumeric };

/**
 * A read of a bytes field (a Secret's `data` entry) as JavaScript sees it: the API's JSON holds bytes as
 * base64 text, so every JavaScript use of the read (a template, a comparison, `??`, `.length`, a field
 * set to it) is of that text.
 */
export function asJavaScriptText(t: Typed): Typed {
  if (t.type.kind !== 'bytes') return t;
  const bytes = valueOf(t);
  const text = base64Text(bytes);
  // `bytes` is the value read, not an optional (`sec.?data.?pw`), which `string(...)` has no overload for.
  if (!t.absent) return { expr: text, type: T.string, bytes };
  return { expr: text, type: T.string, absent: { present: t.absent.present, value: text, wrapped: false }, bytes };
}
