/**
 * A value whose kind is known only when it runs (a field of a `'Record<string, unknown>'`, a schemaless
 * resource's status, `Cel.expr`), passed to a nested composition's typed field. The child was compiled for its
 * declared kind: `spec.o ?? 'none'` is an optional's `orValue`, which keeps a null that JavaScript's `??`
 * replaces; `spec.n + 1` is CEL's integer sum where JavaScript concatenates a string (review 43 P4). A cast
 * (`as string | undefined`) makes TypeScript accept such a value, so neither side may trust it: the child's
 * spec is checked against its declared kinds in both. JavaScript's run of the child fails on a value of another
 * kind ({@link kindMismatch}, concrete-run.ts), and the compiled read fails in CEL on one
 * ({@link kindChecked}), so KRO and direct mode report the error where JavaScript's run throws, never a value
 * computed for another kind. Only kinds are checked (string, integer, number, boolean, list, map, object):
 * bounds and patterns the child's code does not depend on are the API server's, as for any instance.
 */
import { E, type Expr } from '../ir/expr.js';
import type { SchemaNode } from '../ir/schema.js';
import { isPlainPath } from '../ir/untyped-target.js';
import { TypeKroError } from '../util/errors.js';

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
  const check = (value: Expr): Expr => {
    const fits = kindTest(value, node, site);
    return fits ? E.cond(fits, converted(value, node, site), failure(node, site)) : value;
  };
  if (!kindTest(read, node, site)) return read;
  return isPlainPath(read) ? check(read) : E.index(E.macro('map', E.list([read]), VALUE, check(E.ident(VALUE))), E.int(0));
}

/**
 * The presence test `present` (undefined: always there) of such a value, failing in CEL when it is there with
 * another kind: JavaScript's run of the child fails on it before any `!== undefined` is read.
 * @example kindCheckedPresence(E.call('has', [read]), read, node, site); // has(read) && (type(read) == type("") || dyn(timestamp(...)))
 */
export function kindCheckedPresence(present: Expr | undefined, read: Expr, node: SchemaNode, site: KindSite): Expr {
  const fits = kindTest(read, node, site);
  if (!fits) return present ?? E.bool(true);
  const checked = E.binary('||', fits, failure(node, site));
  return present ? E.binary('&&', present, checked) : checked;
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
      return items ? E.binary('&&', list, E.macro('all', value, ITEM, items)) : list;
    }
    case 'map': {
      refuseConversionIn(node.values, site, 'map');
      const values = kindTest(E.index(value, E.ident(KEY)), node.values, site);
      const map = isKind(value, SAMPLES.map);
      return values ? E.binary('&&', map, E.macro('all', value, KEY, values)) : map;
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
  if (node.kind === 'array' && containsFloat(node.items)) return E.macro('map', value, ITEM, converted(E.ident(ITEM), node.items, site));
  return value;
}

/** CEL cannot rebuild a map's values or an object's fields as doubles without knowing every key: refused. */
function refuseConversionIn(node: SchemaNode, site: KindSite, container: string): void {
  if (!containsFloat(node)) return;
  throw new TypeKroError(
    'DEFINITION_INVALID',
    `${site.owner} declares spec.${site.path.join('.')} a ${container} holding 'number' (floating-point) values, and the parent passes a value whose kind is known only when it runs: CEL cannot make its integers doubles there, and the child's arithmetic on them would be integer arithmetic (3 / 4 is 0); give the parent's value a declared type, or declare the child's field 'number.integer'`,
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
export function kindMismatch(value: unknown, node: SchemaNode, site: KindSite): string | undefined {
  if (value === undefined || typeof value === 'function' || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype)) return undefined;
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

/** The kind JavaScript passed, never the value (it may be a secret). */
export /** The kind JavaScript passed, never the value (it may be a secret). */
function passedText(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
