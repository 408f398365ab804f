/**
 * Spreads in an object literal (trial 9 T02): `{ a: '1', ...(spec.debug ? { debug: 'true' } : {}) }`,
 * `{ ...extra, app: spec.name }` with `extra` a local ternary of literals, `{ team: 't', ...spec.labels }`.
 *
 * The keys a spread of local literals sets are known; a choice between literals (`c ? {..} : {..}`,
 * `c && {..}`: a falsy value spreads nothing) sets the keys of the branch taken. Such an object compiles to
 * one CEL map per combination of branches, chosen by the same tests (`c ? {a, debug} : {a}`), later keys
 * winning as in JavaScript; with the same keys in both branches, one map of per-key choices. A spec map
 * (`...spec.labels`, `...(spec.labels ?? {})`) has keys known only when the instance is created: it is
 * joined with KRO's `map.merge(map)` (pkg/cel/library/maps.go: the argument's keys win, as a later spread
 * does), an absent optional map spreading nothing. Anything else spread (a string, a list, a resource's
 * object) is refused: its keys in JavaScript are not what a CEL map would hold.
 */
import type { Node, ObjectExpression } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { foldConstants } from '../ir/fold.js';
import { T, type CelType, type FieldType } from '../ir/types.js';
import { withArticle } from '../util/article.js';
import { guardedBy, holds } from './absent-spec.js';
import { unwrap } from './ast.js';
import { HINT, syntaxError } from './errors.js';
import { asOneKroType } from './kro-branch-types.js';
import { literalOf, ownProperties, staticProperty } from './literal-reads.js';
import { objectTableCall } from './object-tables.js';
import type { Scope } from './scope.js';
import { keepText } from './text-alphabet.js';
import { describe, plain, valueOf, type Compiler, type Typed } from './typed.js';

/** A property value still to compile, where it was written. */
interface Source {
  readonly node: Node;
  readonly scope: Scope;
}

/**
 * The object built so far: fixed keys (`entries`), a choice between two objects (`choice`), or a compiled
 * map whose keys only the instance knows (`map`, from a merge).
 */
type Shape =
  | { readonly kind: 'entries'; readonly entries: ReadonlyMap<string, Source> }
  | { readonly kind: 'choice'; readonly test: Expr; readonly then: Shape; readonly otherwise: Shape }
  | { readonly kind: 'map'; readonly map: Typed; readonly node: Node }
  | { readonly kind: 'merge'; readonly left: Shape; readonly right: Shape };

const EMPTY: Shape = { kind: 'entries', entries: new Map() };

/** Past this many combinations of branches the choices are merged one by one instead of spelled out. */
const MAX_CHOICES = 16;

/** `compileProperty` compiles one property value and checks it may stand in a map (compile-expression.ts). */
export function spreadObject(node: ObjectExpression, scope: Scope, compiler: Compiler, compileProperty: (source: Source, key: string) => Typed): Typed {
  const shape = objectShape(node, scope, compiler);
  return render(shape, compiler, compileProperty);
}

/** The shape of an object literal: its properties and spreads in order. */
function objectShape(node: ObjectExpression, scope: Scope, compiler: Compiler): Shape {
  let shape = EMPTY;
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      shape = append(shape, operandShape(property.argument, scope, compiler));
      continue;
    }
    if (property.type !== 'ObjectProperty' || property.computed) {
      throw syntaxError(property, 'only plain `key: value` properties and spreads of object literals, of choices between them and of spec maps are supported in object literals', HINT.expr);
    }
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'NumericLiteral' ? String(property.key.value) : undefined;
    if (key === undefined) throw syntaxError(property.key, 'object keys must be names, strings or numbers', HINT.expr);
    // `{ __proto__: x }` sets the prototype, not a key.
    if (key === '__proto__' && !property.shorthand) throw syntaxError(property, '`__proto__:` sets the prototype of the object in JavaScript, not a key', 'use another key');
    shape = append(shape, { kind: 'entries', entries: new Map([[key, { node: property.value, scope }]]) });
  }
  return shape;
}

/** What one spread operand adds, through local names. */
function operandShape(raw: Node, scope: Scope, compiler: Compiler): Shape {
  // A local literal, also returned by a local helper (`...baseLabels('t', spec.name)`).
  const literal = literalOf(raw, scope);
  if (literal?.node.type === 'ObjectExpression') return objectShape(literal.node, literal.scope, compiler);
  const node = unwrap(raw);
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name, node);
    if (binding?.kind === 'alias') return operandShape(binding.node, binding.scope, compiler);
  }
  switch (node.type) {
    case 'ObjectExpression':
      return objectShape(node, scope, compiler);
    case 'NullLiteral':
      return EMPTY;
    case 'CallExpression': {
      // `...KEYS.reduce(...)`, `...Object.fromEntries(...)` over a constant table: the literal the call builds.
      const table = objectTableCall(node, scope, { literalOf, ownProperties, staticProperty });
      if (table?.node.type === 'ObjectExpression') return objectShape(table.node, table.scope, compiler);
      break;
    }
    case 'ConditionalExpression':
      return choice(compiler.condition(node.test, scope), node.consequent, node.alternate, scope, compiler);
    case 'LogicalExpression':
      // `c && { k: v }`: a falsy `c` (false, 0, '', null, undefined) spreads nothing.
      if (node.operator === '&&') return choice(compiler.condition(node.left, scope), node.right, undefined, scope, compiler);
      break;
    default:
      break;
  }
  if (node.type === 'Identifier' && node.name === 'undefined') return EMPTY;
  return mapShape(node, scope, compiler);
}

/** A choice between two operands (`otherwise` undefined: nothing); a test the compiler decides keeps one. */
function choice(test: Expr, then: Node, otherwise: Node | undefined, scope: Scope, compiler: Compiler): Shape {
  const known = foldConstants(test);
  const branch = (node: Node | undefined, guard: Expr): Shape => (node ? operandShape(node, guardedBy(scope, guard), compiler) : EMPTY);
  if (known.kind === 'literal' && known.literal.kind === 'bool') return known.literal.value ? branch(then, known) : branch(otherwise, known);
  return { kind: 'choice', test, then: branch(then, test), otherwise: branch(otherwise, E.unary('!', test)) };
}

/** A spread of a compiled value: a map (spec data) is merged; anything else has no CEL meaning here. */
function mapShape(node: Node, scope: Scope, compiler: Compiler): Shape {
  const value = compiler.value(node, scope);
  if (value.nullish) return EMPTY;
  if (value.type.kind !== 'map') {
    throw syntaxError(
      node,
      `a spread of ${withArticle(describe(value.type))} in an object literal: TypeKro compiles spreads of object literals, of choices between them (\`c ? { k: 'v' } : {}\`) and of spec maps (\`Record<string, string>\`); the keys JavaScript would take from this value are not ones a CEL map can hold`,
      'list the fields (`{ k: x.k }`), or declare the spec field as a map (`Record<string, string>`)',
    );
  }
  // An optional map the instance leaves out spreads nothing, as `undefined` does.
  if (value.absent && !holds(scope.guards ?? [], value.absent.present)) {
    return { kind: 'choice', test: value.absent.present, then: { kind: 'map', map: plain(valueOf(value), value.type), node }, otherwise: EMPTY };
  }
  return { kind: 'map', map: plain(valueOf(value), value.type), node };
}

/** `next` spread over `shape`: JavaScript's later keys win. */
function append(shape: Shape, next: Shape): Shape {
  if (isEmpty(next)) return shape;
  if (isEmpty(shape) && next.kind !== 'entries') return next;
  if (shape.kind === 'entries' && next.kind === 'entries') {
    const entries = new Map(shape.entries);
    // A key set again keeps its place in JavaScript; its value is the later one.
    for (const [key, source] of next.entries) entries.set(key, source);
    return { kind: 'entries', entries };
  }
  if (isStatic(shape) && isStatic(next) && leaves(shape) * leaves(next) <= MAX_CHOICES) {
    if (shape.kind === 'choice') return { ...shape, then: append(shape.then, next), otherwise: append(shape.otherwise, next) };
    if (next.kind === 'choice') return { ...next, then: append(shape, next.then), otherwise: append(shape, next.otherwise) };
  }
  return { kind: 'merge', left: shape, right: next };
}

const isEmpty = (shape: Shape): boolean => shape.kind === 'entries' && shape.entries.size === 0;

/** Keys the source states (in every branch): no merge inside. */
function isStatic(shape: Shape): boolean {
  return shape.kind === 'entries' || (shape.kind === 'choice' && isStatic(shape.then) && isStatic(shape.otherwise));
}

function leaves(shape: Shape): number {
  return shape.kind === 'choice' ? leaves(shape.then) + leaves(shape.otherwise) : 1;
}

/** The CEL value of `shape`. */
function render(shape: Shape, compiler: Compiler, compileProperty: (source: Source, key: string) => Typed): Typed {
  const again = (inner: Shape): Typed => render(inner, compiler, compileProperty);
  switch (shape.kind) {
    case 'entries': {
      const fields: Record<string, FieldType> = {};
      const entries = [...shape.entries].map(([key, source]) => {
        const t = compileProperty(source, key);
        fields[key] = { type: t.type, optional: false };
        return { key: E.str(key), value: t.expr };
      });
      return plain(E.map(entries), T.object(fields));
    }
    case 'choice':
      return chosen(shape.test, again(shape.then), again(shape.otherwise));
    case 'map':
      return shape.map;
    case 'merge':
      return mergeMaps(again(shape.left), again(shape.right), [shape.left, shape.right]);
  }
}

/** `test ? a : b` between two maps; with the same keys, one map of per-key choices. */
function chosen(test: Expr, a: Typed, b: Typed): Typed {
  if (a.expr.kind === 'map' && b.expr.kind === 'map' && a.type.kind === 'object' && b.type.kind === 'object' && sameKeys(a.type.fields, b.type.fields)) {
    const values = new Map(b.expr.entries.map((entry) => [keyOf(entry.key), entry.value]));
    const fields: Record<string, FieldType> = {};
    const entries = a.expr.entries.map((entry) => {
      const key = keyOf(entry.key);
      const [then, otherwise] = asOneKroType(plain(entry.value, a.type.kind === 'object' ? a.type.fields[key]!.type : T.dyn), plain(values.get(key)!, b.type.kind === 'object' ? b.type.fields[key]!.type : T.dyn));
      fields[key] = { type: joined(then.type, otherwise.type), optional: false };
      return { key: entry.key, value: sameExpr(then.expr, otherwise.expr) ? then.expr : E.cond(test, then.expr, otherwise.expr) };
    });
    return plain(E.map(entries), T.object(fields));
  }
  // Maps whose values have one scalar type are one CEL type (map(string, V)) whatever their keys: no dyn needed.
  const [then, otherwise] = oneValueType(valueType(a.type), valueType(b.type)) ? [a, b] : asOneKroType(a, b);
  return plain(E.cond(test, then.expr, otherwise.expr), eitherType(a.type, b.type));
}

/** `left.merge(right)` (the right side's keys win); both must be maps of one value type for KRO's checker. */
function mergeMaps(left: Typed, right: Typed, parts: readonly [Shape, Shape]): Typed {
  const [a, b] = [valueType(left.type), valueType(right.type)];
  const value = oneValueType(a, b);
  if (!value) {
    const name = (t: CelType | undefined | null): string => (t ? describe(t) : 'mixed');
    throw syntaxError(
      nodeOf(parts)!,
      `a spread of a spec map beside values of another type (${name(a)} and ${name(b)}): KRO merges maps (\`map.merge(map)\`) only when their values have one type`,
      'make every value text (e.g. String(...) around a number), or write the merge with Cel.expr(...)',
    );
  }
  return plain(E.call('merge', [right.expr], left.expr), T.map(value));
}

/** The value type two merged maps share (an empty literal takes the other's); null when they differ. */
function oneValueType(a: CelType | undefined | null, b: CelType | undefined | null): CelType | null {
  if (a === null || b === null) return null;
  if (a === undefined || b === undefined) return a ?? b ?? T.string;
  // doubles print by CEL's rules and int/double do not mix; dyn values may be anything at run time.
  return a.kind === b.kind && ['string', 'int', 'bool'].includes(a.kind) ? keepText(a, b) : null;
}

/** The one value type of a map (an empty literal has none). */
function valueType(type: CelType): CelType | undefined | null {
  if (type.kind === 'map') return type.value;
  if (type.kind !== 'object') return null;
  const kinds = Object.values(type.fields).map((field) => field.type);
  if (kinds.length === 0) return undefined;
  return kinds.every((t) => t.kind === kinds[0]!.kind) ? (kinds[0]!.kind === 'string' ? T.string : kinds[0]!) : null;
}

/** For a message: the spread of a spec map a merge joins (there is one in every merge). */
function nodeOf(parts: readonly Shape[]): Node | undefined {
  for (const shape of parts) {
    const found = shape.kind === 'map' ? shape.node : shape.kind === 'choice' ? nodeOf([shape.then, shape.otherwise]) : shape.kind === 'merge' ? nodeOf([shape.left, shape.right]) : undefined;
    if (found) return found;
  }
  return undefined;
}

function keyOf(key: Expr): string {
  return key.kind === 'literal' && key.literal.kind === 'string' ? key.literal.value : '';
}

function sameKeys(a: Readonly<Record<string, FieldType>>, b: Readonly<Record<string, FieldType>>): boolean {
  const [x, y] = [Object.keys(a), Object.keys(b)];
  return x.length === y.length && x.every((key) => key in b);
}

function sameExpr(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function joined(a: CelType, b: CelType): CelType {
  return a.kind === b.kind && a.kind !== 'string' && a.kind !== 'object' && a.kind !== 'list' && a.kind !== 'map' ? a : a.kind === 'string' && b.kind === 'string' ? T.string : T.dyn;
}

/** Either object: the keys of both, a key set by one branch only being optional. */
function eitherType(a: CelType, b: CelType): CelType {
  if (a.kind === 'map' || b.kind === 'map' || a.kind !== 'object' || b.kind !== 'object') {
    const [x, y] = [valueType(a), valueType(b)];
    return T.map(x && y && x.kind === y.kind ? x : (x ?? y) || T.dyn);
  }
  const fields: Record<string, FieldType> = {};
  for (const key of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) {
    const [x, y] = [a.fields[key], b.fields[key]];
    fields[key] = x && y ? { type: joined(x.type, y.type), optional: x.optional || y.optional } : { type: (x ?? y)!.type, optional: true };
  }
  return T.object(fields);
}
