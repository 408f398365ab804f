/**
 * The one type two values meet in: the branches of `?:`, `||` and `??` (ints beside doubles made doubles, text
 * beside an integer kept as an int-or-string, enumerations and alphabets of text joined), and the sides of a
 * comparison, which CEL compares only within one type.
 */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { declaredObject } from '../ir/untyped-target.js';
import { syntaxError } from './errors.js';
import { compatible, describe, isNumeric, textBeside, unifyNumeric, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import { asOneKroType, joinObjects } from './kro-branch-types.js';
import { eitherText, keepText } from './text-alphabet.js';

/** Refuses a comparison of values of types CEL cannot compare (no implicit conversion). */
export function checkComparable(node: Node, a: Typed, b: Typed): void {
  if (!compatible(a.type, b.type) && !(isNumeric(a.type) && isNumeric(b.type))) {
    throw syntaxError(node, `cannot compare ${withArticle(describe(a.type))} with ${withArticle(describe(b.type))} (CEL has no implicit conversion)`, branchHint(a.type, b.type, 'sides'));
  }
}


/** Unifies two branch values (ternary, `||`, `??`), converting int to double when mixed. */
export function unifyBranches(node: Node, first: Typed, second: Typed): [Typed, Typed, CelType] {
  // A Kubernetes timestamp beside text is text, as JavaScript reads it.
  const [a, b] = textBeside(first, second);
  const either = intOrStringChoice(a, b);
  if (either) return either;
  if (!compatible(a.type, b.type) && !(isNumeric(a.type) && isNumeric(b.type))) {
    throw syntaxError(node, `the two branches have different types (${describe(a.type)} and ${describe(b.type)})`, branchHint(a.type, b.type));
  }
  const [l, r] = asOneKroType(...unifyNumeric(a, b));
  const type = l.nullish ? r.type : r.nullish ? l.type : scalarBesideDyn(l.type, r.type) ? T.dyn : objectBesideObject(l.type, r.type) ? T.dynObject : l.type.kind === 'dyn' ? r.type : joinValues(l.type, r.type);
  return [l, r, type];
}

/** An object of any fields (`c.status`) beside an object or a map (`c.status ?? {}`): an object of any fields. */
function objectBesideObject(a: CelType, b: CelType): boolean {
  const objectLike = (t: CelType): boolean => t.kind === 'object' || t.kind === 'map' || declaredObject(t);
  return (declaredObject(a) || declaredObject(b)) && objectLike(a) && objectLike(b);
}

/**
 * Text beside an integer (`spec.portName ?? 8080`, `c ? 'http' : 8080`): JavaScript's value is the one or the other,
 * which is what an int-or-string field takes (a Service's `targetPort`, a probe's port), and TypeScript lets such a
 * value go only where either fits. So the choice is kept as it is, typed like an int-or-string field's value: every
 * side in `dyn(...)` (`has(x) ? dyn(x) : dyn(8080)`), so cel-go accepts a string and an int in one `?:` (KRO types an
 * int-or-string field `dyn` and accepts any value there), and what differs on a number and a string later
 * (`.length`, `+`) is refused as it is on such a field. `String(...)` around the int would change the value: a port
 * 8080 would become the port named "8080". A side that is an optional (`a?.b`) is left to the refusal.
 */
function intOrStringChoice(a: Typed, b: Typed): [Typed, Typed, CelType] | undefined {
  if (a.nullish || b.nullish || a.absent?.wrapped || b.absent?.wrapped) return undefined;
  const kinds = new Set([a.type.kind, b.type.kind]);
  if (kinds.size !== 2 || !kinds.has('string') || !kinds.has('int')) return undefined;
  const dyn = (e: Expr): Expr => E.call('dyn', [e]);
  const side = (t: Typed): Typed => ({ expr: dyn(t.expr), type: T.intOrString, ...(t.absent && { absent: { present: t.absent.present, value: dyn(t.absent.value), wrapped: false } }) });
  return [side(a), side(b), T.intOrString];
}

/** The way out for branches of different types: String(...) only where it gives JavaScript's text exactly. */
function branchHint(a: CelType, b: CelType, what: 'branches' | 'sides' = 'branches'): string {
  const textable = (type: CelType): boolean => type.kind === 'int' || type.kind === 'bool';
  if ((a.kind === 'string' && textable(b)) || (b.kind === 'string' && textable(a))) return `make both ${what} text: String(...) around the ${a.kind === 'string' ? b.kind : a.kind} one`;
  return `make both ${what} the same type (both text, both numbers, both lists...)`;
}

/**
 * A dyn value (an int-or-string field, an unschematized one) beside a text, number or boolean: the result may
 * be either, so it stays dyn. Typed as the scalar, `${port ?? 'none'}` and String(port ?? 'none') skipped
 * the string() JavaScript's conversion needs and kept 8080 a number (trial 4 F12). A list or object default
 * (`items ?? []`) gives the shape, which is what the code after it relies on.
 */
function scalarBesideDyn(a: CelType, b: CelType): boolean {
  return (a.kind === 'dyn' && isScalar(b)) || (b.kind === 'dyn' && isScalar(a));
}

// A module function, not a closure per branch pair: under tsx each named closure is renamed when made.
function isScalar(t: CelType): boolean {
  return t.kind === 'string' || t.kind === 'int' || t.kind === 'double' || t.kind === 'bool';
}

/** A string either branch may give: enumerated only when both are (a lookup table key must stay within its values). */
function joinValues(a: CelType, b: CelType): CelType {
  if (a.kind === 'object' && b.kind === 'map') return b;
  const composite = joinObjects(a, b);
  if (composite) return composite;
  if (a.kind !== 'string' || (a.values === undefined && b.kind === 'string' && b.values === undefined)) return keepText(a, b);
  const values = b.kind === 'string' && a.values && b.values ? [...new Set([...a.values, ...b.values])] : undefined;
  return values ? { kind: 'string', values } : (eitherText(a, b) ?? T.string);
}
