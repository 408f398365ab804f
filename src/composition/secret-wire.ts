/**
 * A v1 Secret's `stringData` in its stored form, `data` with base64 values, in the graph both modes deploy.
 *
 * Why: `stringData` is write-only. The API server merges it into `data` and never returns it, so server-side
 * apply (direct mode, and KRO's `kro.run/applyset` manager) records ownership of `stringData.KEY`, never of
 * `data.KEY`: a key removed from `stringData` on redeploy stays in the live Secret (trial 11, S2), which is how
 * a user revokes a credential. Sending `data` makes the applier own `data.KEY`, so a removed key is pruned.
 *
 * The merge is the API server's: a `stringData` key wins over the same `data` key. A literal is encoded here;
 * an expression becomes `base64.encode(bytes(x))`; a whole map (`stringData: spec.creds`) becomes
 * `transformMap(k, v, base64.encode(bytes(v)))` (KRO loads cel-go's two-variable comprehensions and encoders;
 * so does the CEL engine of direct mode). All three are IR, printed and checked like every other expression.
 *
 * Why `dyn(...)` around each: live, KRO v0.9.4 types a Secret's `data` as `map(string, bytes)` and refuses a
 * string expression there when it validates the RGD, but refuses to write a bytes value when it reconciles
 * ("bytes value cannot be used directly in a resource template"). As `dyn` the expression passes the check
 * and its base64 text is written, which is what the API server would have stored for `stringData`.
 *
 * One rule, {@link storedFields}, on the graph's values. The concrete JavaScript run and the test kit's stored
 * objects ({@link storedSecret}) go through it too: their plain data is a value already, and a `Cel.expr`
 * they cannot see into ({@link OpaqueCel}) is its CEL text, so the two sides cannot drift apart.
 */
import type { ResourceNode } from '../ir/graph.js';
import { E, type Expr } from '../ir/expr.js';
import { exprValue, isExprValue, type ExprValue, type Value } from '../ir/value.js';
import { printCel } from '../compile/cel/print.js';
import { TypeKroError } from '../util/errors.js';
import { OpaqueCel } from './concrete-value.js';

type Fields = { readonly [key: string]: Value };

/** A Secret's two value fields; absent when not written. */
interface SecretFields {
  readonly stringData?: Value;
  readonly data?: Value;
}

/** `node` with its `stringData` moved into `data` as base64, when it is a v1 Secret. */
export function secretWireForm(node: ResourceNode): ResourceNode {
  if (node.apiVersion !== 'v1' || node.kind !== 'Secret' || !isFields(node.template)) return node;
  const { stringData, data, ...rest } = node.template;
  if (stringData === undefined && data === undefined) return node;
  const stored = storedFields({ ...(stringData !== undefined ? { stringData } : {}), ...(data !== undefined ? { data } : {}) }, () => refuse(node));
  return { ...node, template: { ...rest, ...stored } };
}

/**
 * The rule: `stringData` merged into `data`, a `stringData` key winning as the API server merges them; a
 * literal encoded now, an expression `dyn(base64.encode(bytes(x)))`, a whole computed map `transformMap`;
 * `data` expressions in `dyn(...)` (see the module's comment). A `null` `stringData` is none. A `stringData`
 * that is not a map (a string) is left for the API server to refuse, as are values that are not text.
 * `refuse` is called when the two cannot be written as one `data` map.
 */
function storedFields(fields: SecretFields, refuse: () => never): SecretFields {
  const { stringData } = fields;
  const data = fields.data === undefined || fields.data === null ? fields.data : typedForKro(fields.data);
  const withData = data === undefined ? {} : { data };
  if (stringData === undefined || stringData === null) return withData;
  if (isFields(stringData)) {
    // An undefined value (plain data) is a key JSON leaves out: the `data` key of the same name stays.
    const given = Object.entries(stringData).filter(([, value]) => value !== undefined);
    const encoded = Object.fromEntries(given.map(([key, value]) => [key, encodedValue(value, isFields(data) ? data[key] : undefined)]));
    if (data === undefined || data === null) return { data: encoded };
    if (isFields(data)) return { data: { ...data, ...encoded } };
  } else if (isExprValue(stringData)) {
    if (data === undefined || data === null) return { data: exprValue(encodedMap(stringData.expr, OMIT)) };
    if (isFields(data) && Object.keys(data).length === 0) return { data: exprValue(encodedMap(stringData.expr, E.call('dyn', [E.map([])]))) };
  } else return { stringData, ...withData };
  return refuse();
}

function refuse(node: ResourceNode): never {
  const at = node.source ? `${node.source.file}:${node.source.line}:${node.source.column}: ` : '';
  throw new TypeKroError(
    'DEFINITION_INVALID',
    `${at}resource "${node.id}": a Secret's stringData and data are both given and one of them is a whole computed map; the API server merges them key by key, which TypeKro cannot write as one data map\n  hint: give the keys of one of them literally (\`stringData: { user: spec.user }\`), or give only one of the two`,
  );
}

/**
 * `data` as written, its expressions wrapped in `dyn(...)`: KRO v0.9.4 checks them against `bytes` (the
 * schema's `format: byte`) and refuses a string, yet refuses to write a bytes value; the base64 text the user
 * gives (a string, as in JavaScript) passes as `dyn` and is written as is.
 */
function typedForKro(data: Value): Value {
  if (isExprValue(data)) return asDyn(data);
  if (!isFields(data)) return data;
  if (!Object.values(data).some(isExprValue)) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, isExprValue(value) ? asDyn(value) : value]));
}

/** `dyn(x)`, in each arm of a choice that may leave the key out (`c ? dyn(x) : omit()`, see {@link throughChoices}). */
function asDyn(value: ExprValue): ExprValue {
  const expr = value.expr;
  if (expr.kind === 'call' && expr.fn === 'dyn' && expr.target === undefined) return value;
  return exprValue(throughChoices(expr, (x) => E.call('dyn', [x]), OMIT));
}

/**
 * One `stringData` value as its `data` value: base64 of its UTF-8 bytes. Where an expression leaves the key out
 * (`omit()`), the `data` value of the same key (`given`) is kept, as the API server keeps it.
 */
function encodedValue(value: Value, given: Value | undefined): Value {
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('base64');
  if (isExprValue(value)) {
    // Every arm `dyn`, so that KRO types the choice as dyn, not as a string it would refuse (see asDyn).
    const kept = typeof given === 'string' ? E.call('dyn', [E.str(given)]) : isExprValue(given) ? given.expr : OMIT;
    return exprValue(throughChoices(value.expr, (text) => E.call('dyn', [E.call('base64.encode', [E.call('bytes', [text])])]), kept));
  }
  // A number, boolean or null is what the API server refuses in stringData: left for it to say so, as before.
  return value;
}

/**
 * `dyn(m.transformMap(k, v, base64.encode(bytes(v))))`: every key kept, its value encoded. The variables are
 * bound in the body only, which reads nothing else, so no name of `m` can be hidden by them. A map left out
 * (`omit()`) gives `absent`.
 */
function encodedMap(map: Expr, absent: Expr): Expr {
  return throughChoices(map, (m) => E.call('dyn', [E.macro('transformMap', m, 'v', E.call('base64.encode', [E.call('bytes', [E.ident('v')])]), 'k')]), absent);
}

const OMIT = E.call('omit', []);

/**
 * `encode(x)` in each arm of the choices `expr` makes when one of them is `omit()` (an optional value that is
 * absent: composition/absent-options.ts), that arm becoming `absent`. Encoding the sentinel itself fails
 * (`bytes(kro.omit)`) where JavaScript leaves the key out; `omit()` stays a branch of a choice, as KRO documents it.
 */
function throughChoices(expr: Expr, encode: (value: Expr) => Expr, absent: Expr): Expr {
  if (!mayOmit(expr)) return encode(expr);
  if (expr.kind !== 'conditional') return absent;
  return E.cond(expr.test, throughChoices(expr.then, encode, absent), throughChoices(expr.otherwise, encode, absent));
}

function mayOmit(expr: Expr): boolean {
  if (expr.kind === 'conditional') return mayOmit(expr.then) || mayOmit(expr.otherwise);
  return expr.kind === 'call' && expr.fn === 'omit' && expr.target === undefined && expr.args.length === 0;
}

function isFields(value: Value | undefined): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isExprValue(value);
}

/**
 * The same rule on plain data (a manifest a concrete run built, an applied object in the test kit): plain
 * data is a graph value as it is, and a {@link OpaqueCel} leaf (a `Cel.expr` the concrete run cannot see into)
 * goes through as its CEL text, so it comes back as the CEL the graph writes (`dyn(base64.encode(bytes(…)))`).
 *
 * @example storedSecret({ apiVersion: 'v1', kind: 'Secret', stringData: { a: 'x' } }); // => { apiVersion: 'v1', kind: 'Secret', data: { a: 'eA==' } }
 */
export function storedSecret<T>(manifest: T): T {
  if (!isRecord(manifest) || manifest['apiVersion'] !== 'v1' || manifest['kind'] !== 'Secret') return manifest;
  const { stringData, data, ...rest } = manifest;
  if (stringData === undefined && data === undefined) return manifest;
  const fields = { ...(stringData !== undefined ? { stringData: asValue(stringData) } : {}), ...(data !== undefined ? { data: asValue(data) } : {}) };
  const stored = storedFields(fields, () => {
    throw new TypeKroError('DEFINITION_INVALID', `Secret ${JSON.stringify((rest['metadata'] as { name?: unknown } | undefined)?.name ?? '')}: its stringData and data are both given and one of them is a whole computed map, which cannot be written as one data map`);
  });
  return { ...rest, ...Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, fromValue(value)])) } as T;
}

/** Plain data as a graph value: an {@link OpaqueCel} is its CEL text. */
function asValue(data: unknown): Value {
  if (data instanceof OpaqueCel) return exprValue(E.raw(data.cel));
  if (Array.isArray(data)) return data.map(asValue);
  if (isRecord(data)) return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, asValue(value)]));
  return data as Value;
}

/** The inverse of {@link asValue}: an expression the rule made is {@link OpaqueCel} text. */
function fromValue(value: Value | undefined): unknown {
  if (isExprValue(value)) return new OpaqueCel(printCel(value.expr));
  if (Array.isArray(value)) return value.map(fromValue);
  if (isFields(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromValue(item)]));
  return value;
}

/** A pending path (`stringData.password`) of a manifest where {@link storedSecret} moved it (`data.password`). */
export function storedSecretPath(path: string): string {
  return path === 'stringData' || path.startsWith('stringData.') || path.startsWith('stringData[') ? `data${path.slice('stringData'.length)}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);
}
