/**
 * A value whose kind is known only when it runs (a field of a `'Record<string, unknown>'`, a schemaless
 * resource's status, `Cel.expr`), passed to a nested composition's typed field. The child was compiled for its
 * declared kind: `spec.o ?? 'none'` is an optional's `orValue`, which keeps a null that JavaScript's `??`
 * replaces; `spec.n + 1` is CEL's integer sum where JavaScript concatenates a string (review 43 P4). A cast
 * (`as string | undefined`) makes TypeScript accept such a value, so neither side may trust it: the child's
 * spec is checked against its declared kinds in both, where the child reads a field: JavaScript's run of the
 * child fails on a value of another kind ({@link kindCheckedSpec}, concrete-run.ts), and the compiled read fails
 * in CEL on one ({@link kindChecked}), so KRO and direct mode report the error where JavaScript's run throws,
 * never a value computed for another kind. Only kinds are checked (string, integer, number, boolean, list, map,
 * object): bounds and patterns are held where the value is passed (nest-bounds.ts). A value whose kind is known
 * when the composition is defined is held to the declaration there (values.ts, field-kinds.ts).
 */
import { E, exprChildren, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import type { SchemaNode } from '../ir/schema.js';
import { isPlainPath } from '../ir/untyped-target.js';
import { isExprValue } from '../ir/value.js';
import { TypeKroError } from '../util/errors.js';
import { isPlainObject } from '../util/json.js';

/** Where a check is located and what the child reads: `nested composition "db"`, `spec.size`. */
export interface KindSite {
  readonly owner: string;
  readonly path: readonly string[];
  /** The child's name alone, for the failure text the RGD carries (the owner may start with a file path). */
  readonly child?: string;
}

/** The variable of the one-item binding around a read that is not a plain path, and those of the tests below. */
const VALUE = 'value';
const ITEM = 'item';
const KEY = 'key';

const typeOf = (value: Expr): Expr => E.call('type', [value]);
const isKind = (value: Expr, sample: Expr): Expr => E.binary('==', typeOf(value), typeOf(sample));
const SAMPLES = { string: E.str(''), integer: E.int(0), float: E.double(0), boolean: E.bool(false), array: E.list([]), map: E.map([]) } as const;

/**
 * `read` (of a value whose kind is known only when it runs) checked against the child's `node`, failing in CEL
 * with the field's declaration when the kind differs; a `'number'` field's integer is made a double, as the
 * child's arithmetic on it is floating-point.
 * @example
 * kindChecked(E.select(E.ident('schema'), 'o'), { kind: 'string', markers: {} }, { owner: 'nested composition "c"', path: ['o'] });
 * // type(schema.o) == type("") ? schema.o : dyn(timestamp("nested composition \"c\": ..."))
 */
export function kindChecked(read: Expr, node: SchemaNode, site: KindSite): Expr {
  if (!kindTest(read, node, site)) return read;
  return bound(read, node, (value) => E.cond(kindTest(value, node, site)!, converted(value, node, site), failure(node, site)));
}

/**
 * `read` checked to be an object (or a list, a map) as `node` declares, its fields left to the reads below it:
 * the child reads `spec.db.port` through `db`, and JavaScript's run checks `port` where it is read.
 * @example kindCheckedThrough(E.path('schema', 'spec', 'cfg', 'db'), dbNode, site); // type(schema.spec.cfg.db) == type({}) ? ... : dyn(timestamp(...))
 */
export function kindCheckedThrough(read: Expr, node: SchemaNode, site: KindSite): Expr {
  const fits = (value: Expr): Expr | undefined => shallowTest(value, node, site);
  if (!fits(read)) return read;
  return bound(read, undefined, (value) => E.cond(fits(value)!, value, failure(node, site)));
}

/**
 * The presence test `present` (undefined: always there) of such a value, failing in CEL when it is there with
 * another kind (an object, list or map only as such: its fields are checked where they are read), as
 * JavaScript's run of the child fails where it reads the field.
 * @example kindCheckedPresence(E.call('has', [read]), read, node, site); // has(read) && (type(read) == type("") || dyn(timestamp(...)))
 */
export function kindCheckedPresence(present: Expr | undefined, read: Expr, node: SchemaNode, site: KindSite): Expr {
  if (!shallowTest(read, node, site)) return present ?? E.bool(true);
  const checked = bound(read, undefined, (value) => E.binary('||', shallowTest(value, node, site)!, failure(node, site)));
  return present ? E.binary('&&', present, checked) : checked;
}

/** The kind test of `node` without what is inside an object (but its required fields are there), a list or a map. */
function shallowTest(value: Expr, node: SchemaNode, site: KindSite): Expr | undefined {
  if (node.kind === 'struct') return node.required.reduce((test, key) => E.binary('&&', test, E.call('has', [E.select(value, key)])), isKind(value, SAMPLES.map));
  if (node.kind === 'map') return isKind(value, SAMPLES.map);
  if (node.kind === 'array') return isKind(value, SAMPLES.array);
  return kindTest(value, node, site);
}

/**
 * `body` of `read`: on the read itself when it is a plain path and the test (of `node`) walks no list or map, else on a
 * one-item binding of `dyn(read)`. A macro's body must not read the path again (a resource named as its
 * variable would be shadowed there), and KRO's checker takes no comprehension over its object type.
 */
function bound(read: Expr, node: SchemaNode | undefined, body: (value: Expr) => Expr): Expr {
  if (isPlainPath(read) && !(node && walksItems(node))) return body(read);
  return E.index(E.macro('map', E.list([E.call('dyn', [read])]), VALUE, body(E.ident(VALUE))), E.int(0));
}

function walksItems(node: SchemaNode): boolean {
  if (node.kind === 'array' || node.kind === 'map') return true;
  return node.kind === 'struct' && Object.values(node.fields).some(walksItems);
}

/**
 * True when the kind of a passed value is known only when it runs: its static type is `dyn` (an untyped field),
 * or unknown and the value holds hand-written CEL (`Cel.expr<T>`, whose `T` CEL does not hold it to).
 * @example typedAtRunTime(E.raw('self.x'), undefined); // true
 */
export function typedAtRunTime(expr: Expr, type: CelType | undefined): boolean {
  return type === undefined ? holdsRaw(expr) : type.kind === 'dyn';
}

function holdsRaw(expr: Expr): boolean {
  return expr.kind === 'raw' || exprChildren(expr).some(holdsRaw);
}

/** True in CEL when `value` has the kind `node` declares; undefined when every value fits (a schemaless object). */
function kindTest(value: Expr, node: SchemaNode, site: KindSite): Expr | undefined {
  switch (node.kind) {
    case 'object':
      return undefined;
    case 'float':
      return E.binary('||', isKind(value, SAMPLES.float), isKind(value, SAMPLES.integer));
    case 'string':
    case 'integer':
    case 'boolean':
      return isKind(value, SAMPLES[node.kind]);
    case 'array': {
      const items = kindTest(E.ident(ITEM), node.items, site);
      const list = isKind(value, SAMPLES.array);
      return items ? E.binary('&&', list, E.macro('all', E.call('dyn', [value]), ITEM, items)) : list;
    }
    case 'map': {
      refuseConversionIn(node.values, site, 'map');
      const values = kindTest(E.index(E.call('dyn', [value]), E.ident(KEY)), node.values, site);
      const map = isKind(value, SAMPLES.map);
      return values ? E.binary('&&', map, E.macro('all', E.call('dyn', [value]), KEY, values)) : map;
    }
    case 'struct':
      return Object.entries(node.fields).reduce((test: Expr, [key, field]) => {
        refuseConversionIn(field, site, 'object');
        const read = E.select(value, key);
        const fits = kindTest(read, field, site);
        const present = E.call('has', [read]);
        const required = node.required.includes(key);
        if (!fits) return required ? E.binary('&&', test, present) : test;
        return E.binary('&&', test, required ? E.binary('&&', present, fits) : E.binary('||', E.unary('!', present), fits));
      }, isKind(value, SAMPLES.map));
  }
}

/** `value` (of the declared kind) as the child's CEL reads it: a `'number'` as a double. */
function converted(value: Expr, node: SchemaNode, site: KindSite): Expr {
  if (node.kind === 'float') return E.call('double', [value]);
  if (node.kind === 'array' && containsFloat(node.items)) return E.macro('map', E.call('dyn', [value]), ITEM, converted(E.ident(ITEM), node.items, site));
  return value;
}

/** CEL cannot rebuild a map's values or an object's fields as doubles without knowing every key: refused. */
function refuseConversionIn(node: SchemaNode, site: KindSite, container: string): void {
  if (!containsFloat(node)) return;
  throw new TypeKroError(
    'DEFINITION_INVALID',
    `${site.owner} declares spec.${site.path.join('.')} ${container === 'map' ? 'a map' : 'an object'} holding 'number' (floating-point) values, and the parent passes a value whose kind is known only when it runs: CEL cannot make its integers doubles there, and the child's arithmetic on them would be integer arithmetic (3 / 4 is 0); give the parent's value a declared type, or declare the child's field 'number.integer'`,
  );
}

function containsFloat(node: SchemaNode): boolean {
  if (node.kind === 'float') return true;
  if (node.kind === 'array') return containsFloat(node.items);
  if (node.kind === 'map') return containsFloat(node.values);
  return node.kind === 'struct' && Object.values(node.fields).some(containsFloat);
}

/** How the child declares `node`, for messages: `a string`. */
function kindText(node: SchemaNode): string {
  if (node.kind === 'struct' && node.required.length > 0) return `an object with ${node.required.join(', ')}`;
  const kinds: Record<SchemaNode['kind'], string> = { string: 'a string', integer: 'an integer', float: 'a number', boolean: 'a boolean', object: 'an object', array: 'a list', map: 'a map', struct: 'an object' };
  return kinds[node.kind];
}

/** An expression CEL fails on with the declaration in its message (`timestamp()` of the text quotes the text). */
function failure(node: SchemaNode, site: KindSite): Expr {
  const owner = site.child === undefined ? 'a nested composition' : `nested composition ${JSON.stringify(site.child)}`;
  const text = `${owner}: spec.${site.path.join('.')} is declared ${kindText(node)}, and the parent passed a value of another kind`;
  return E.call('dyn', [E.call('timestamp', [E.str(text)])]);
}

/**
 * Where `value` (what JavaScript passes to the child, after its defaults) differs in kind from `node`: the
 * message of the failure, or undefined when it fits. Values the concrete run has not computed (placeholders of
 * resources not observed, `Cel.*` values) are not checked: the compiled side has no value there either.
 * @example kindMismatch(null, { kind: 'string', markers: {} }, { owner: 'nested composition "c"', path: ['o'] }); // 'nested composition "c": spec.o is declared a string, and the parent passed null'
 */
function kindMismatch(value: unknown, node: SchemaNode, site: KindSite): string | undefined {
  if (value === undefined || typeof value === 'function' || isExprValue(value) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype)) return undefined;
  const wrong = (): string => `${site.owner}: spec.${site.path.join('.')} is declared ${kindText(node)}, and the parent passed ${passedText(value)}`;
  const at = (key: string | number): KindSite => ({ ...site, path: [...site.path, String(key)] });
  switch (node.kind) {
    case 'object':
      return undefined;
    case 'string':
    case 'boolean':
      return typeof value === (node.kind === 'string' ? 'string' : 'boolean') ? undefined : wrong();
    case 'integer':
      return Number.isInteger(value) ? undefined : wrong();
    case 'float':
      return typeof value === 'number' ? undefined : wrong();
    case 'array':
      if (!Array.isArray(value)) return wrong();
      return value.map((item, i) => kindMismatch(item, node.items, at(i))).find((found) => found !== undefined);
    case 'map':
      if (!isPlainObject(value)) return wrong();
      return Object.entries(value).map(([key, item]) => kindMismatch(item, node.values, at(key))).find((found) => found !== undefined);
    case 'struct': {
      if (!isPlainObject(value)) return wrong();
      const missing = node.required.find((key) => value[key] === undefined);
      if (missing !== undefined) return `${site.owner}: spec.${[...site.path, missing].join('.')} is required, and the parent passed none`;
      return Object.entries(node.fields).map(([key, field]) => kindMismatch(value[key], field, at(key))).find((found) => found !== undefined);
    }
  }
}

/**
 * The child's spec as its JavaScript run reads it: a field of another kind than declared fails where it is read
 * (`SPEC_INVALID`), as the compiled CEL fails where the child reads it; a field read as a whole object is
 * checked whole, as the CEL checks a value it reads through.
 * @example (kindCheckedSpec({ o: null }, childSpec, { owner: 'nested composition "c"', path: [] }) as { o?: string }).o; // throws SPEC_INVALID
 */
export function kindCheckedSpec(spec: unknown, node: SchemaNode, site: KindSite, seen = new WeakMap<object, unknown>()): unknown {
  if (node.kind !== 'struct' || !isPlainObject(spec) || isExprValue(spec)) return spec;
  const known = seen.get(spec);
  if (known) return known;
  const fail = (message: string): never => {
    throw new TypeKroError('SPEC_INVALID', `${message}: the child was compiled for the kinds its spec type declares (a cast such as \`as string\` does not change the value); pass a value of that kind, or declare the child's field 'unknown'`);
  };
  // An object is checked as such where it is read, its fields where they are read (as the compiled reads go
  // through it); a list or map is checked whole, as the CEL reads it whole.
  const checked = (key: string | symbol): unknown => {
    const field = typeof key === 'string' ? node.fields[key] : undefined;
    const value = spec[key as string];
    if (!field) return value;
    const at: KindSite = { ...site, path: [...site.path, key as string] };
    if (field.kind !== 'struct') return kindMismatch(value, field, at) === undefined ? value : fail(kindMismatch(value, field, at)!);
    if (value === undefined) return value;
    if (!isPlainObject(value)) fail(kindMismatch(value, field, at)!);
    const missing = field.required.find((required) => (value as Record<string, unknown>)[required] === undefined);
    if (missing !== undefined) fail(`${site.owner}: spec.${[...at.path, missing].join('.')} is required, and the parent passed none`);
    return kindCheckedSpec(value, field, at, seen);
  };
  const proxy = new Proxy(spec, {
    get: (target, key, receiver) => (typeof key === 'string' && Object.hasOwn(node.fields, key) ? checked(key) : Reflect.get(target, key, receiver)),
    has: (target, key) => (checked(key), Reflect.has(target, key)),
  });
  seen.set(spec, proxy);
  return proxy;
}

/** The kind JavaScript passed, never the value (it may be a secret). */
function passedText(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
