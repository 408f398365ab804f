/**
 * Two values that meet in a ternary or a default (`c ? a : b`, `a ?? b`, `a || b`) must have one type in
 * KRO's checker (cel-go), which types them more finely than JavaScript does: every schema object with
 * declared keys is its own named type (`__type_schema.spec.prodLimits` and `__type_schema.spec.devLimits`
 * differ even when both come from one arktype type), a map literal is `map(string, V)` with V its values'
 * one type (or `dyn`), and `list(int)` is not `list(double)`. KRO refused such RGDs at creation while
 * `typekro check` and direct mode accepted them (trial 7 V27, V28, V29). JavaScript has no such types: the
 * value is the chosen branch. `dyn(...)` around a side makes the checker accept the pair and changes no value
 * (checked with tools/cel-oracle), so composite branches whose cel-go types may differ are wrapped.
 */
import { joinedText, keepText } from './text-alphabet.js';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType, type FieldType } from '../ir/types.js';
import type { Typed } from './typed.js';

/** A cel-go type as far as the compiler can tell: `named` never equals another, `any` equals everything. */
type Shape =
  | { readonly k: 'any' }
  | { readonly k: 'named' }
  | { readonly k: 'scalar'; readonly name: string }
  | { readonly k: 'list'; readonly item: Shape }
  | { readonly k: 'map'; readonly value: Shape };

const ANY: Shape = { k: 'any' };
const NAMED: Shape = { k: 'named' };

const composite = (type: CelType): boolean => type.kind === 'list' || type.kind === 'map' || type.kind === 'object';

/** The two branches, with `dyn(...)` around the plain ones when cel-go may type them differently. */
export function asOneKroType(l: Typed, r: Typed): [Typed, Typed] {
  if (l.nullish || r.nullish || (!composite(l.type) && !composite(r.type))) return [l, r];
  if (same(shapeOf(l.absent ? undefined : l.expr, l.type), shapeOf(r.absent ? undefined : r.expr, r.type))) return [l, r];
  // A choice between two resource handles stays a plain choice: the factories that take a handle
  // (helmRelease's chart.repository) read which one it is from the conditional itself.
  if (l.expr.kind === 'ident' && r.expr.kind === 'ident') return [l, r];
  // One side in `dyn` is enough for cel-go; a side that may be absent is an optional read, left as it is.
  return [toDyn(l), toDyn(r)];
}

function toDyn(t: Typed): Typed {
  if (t.absent || (t.expr.kind === 'call' && t.expr.fn === 'dyn' && !t.expr.target)) return t;
  return { ...t, expr: E.call('dyn', [t.expr]) };
}

function same(a: Shape, b: Shape): boolean {
  if (a.k === 'any' || b.k === 'any') return true;
  if (a.k === 'named' || b.k === 'named') return false;
  if (a.k === 'scalar' && b.k === 'scalar') return a.name === b.name;
  if (a.k === 'list' && b.k === 'list') return same(a.item, b.item);
  if (a.k === 'map' && b.k === 'map') return same(a.value, b.value);
  return false;
}

/** The cel-go type of a value: from its literal form where it is one (cel-go types literals by their items), else from its type. */
function shapeOf(expr: Expr | undefined, type: CelType): Shape {
  if (expr?.kind === 'map') return { k: 'map', value: oneOf(expr.entries.map((e) => shapeOf(e.value, entryType(type, e.key)))) };
  if (expr?.kind === 'list') return { k: 'list', item: oneOf(expr.items.map((item) => shapeOf(item, type.kind === 'list' ? type.item : T.dyn))) };
  if (type.kind === 'dyn' || type.kind === 'null') return ANY;
  if (type.kind === 'list') return { k: 'list', item: shapeOf(undefined, type.item) };
  if (type.kind === 'map') return { k: 'map', value: shapeOf(undefined, type.value) };
  if (type.kind === 'object') return NAMED;
  return { k: 'scalar', name: type.kind };
}

function entryType(type: CelType, key: Expr): CelType {
  if (type.kind === 'map') return type.value;
  const name = key.kind === 'literal' && key.literal.kind === 'string' ? key.literal.value : undefined;
  return type.kind === 'object' && name !== undefined ? (type.fields[name]?.type ?? T.dyn) : T.dyn;
}

/** A literal's item type in cel-go: none yet (`[]`, `{}`) is a type parameter, one type is itself, mixed is `dyn`. */
function oneOf(shapes: readonly Shape[]): Shape {
  const known = shapes.filter((s) => s.k !== 'any');
  if (known.length === 0) return ANY;
  const [first] = known;
  if (known.every((s) => same(s, first!))) return first!;
  return ANY;
}

/**
 * The type of a value that is either branch's object: a field both have keeps its type when the two agree
 * and is `dyn` when they do not (`c ? { w: 1 } : { w: 0.5 }` is an int or a double at run time, so reading
 * it as a double would put a double operation on an int); a field only one has may be absent.
 */
export function joinObjects(a: CelType, b: CelType): CelType | undefined {
  if (a.kind === 'list' && b.kind === 'list') {
    const item = joinObjects(a.item, b.item);
    return item ? T.list(item) : undefined;
  }
  if (a.kind !== 'object' || b.kind !== 'object') return undefined;
  const fields: Record<string, FieldType> = {};
  for (const name of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) {
    const x = a.fields[name];
    const y = b.fields[name];
    if (!x || !y) fields[name] = { type: (x ?? y)!.type, optional: true };
    else fields[name] = { type: joinField(x.type, y.type), optional: x.optional || y.optional };
  }
  return T.object(fields, a.open || b.open);
}

/**
 * The type of a value that may come from either of two values of these types (a field of two branches' objects,
 * two items of one list): text as wide as either's alphabet, at every depth.
 */
export function joinField(a: CelType, b: CelType): CelType {
  if (a.kind === 'list' && b.kind === 'list') return T.list(joinField(a.item, b.item));
  if (a.kind === 'object' || a.kind === 'list') return joinObjects(a, b) ?? T.dyn;
  if (a.kind === 'string' && b.kind === 'string') return a.values && b.values ? { kind: 'string', values: [...new Set([...a.values, ...b.values])] } : joinedText(a, b);
  if (a.kind === b.kind && a.kind !== 'map') return a.kind === 'string' && JSON.stringify(a.values) !== JSON.stringify(b.kind === 'string' ? b.values : undefined) ? T.string : keepText(a, b);
  return a.kind === 'map' && b.kind === 'map' && same(shapeOf(undefined, a), shapeOf(undefined, b)) ? a : T.dyn;
}
