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
 * so does the CEL engine of direct mode). The IR has no two-variable macro, so that one is CEL text with its
 * roots (`raw`), like a `Cel.expr`.
 *
 * Why `dyn(...)` around each: live, KRO v0.9.4 types a Secret's `data` as `map(string, bytes)` and refuses a
 * string expression there when it validates the RGD, but refuses to write a bytes value when it reconciles
 * ("bytes value cannot be used directly in a resource template"). As `dyn` the expression passes the check
 * and its base64 text is written, which is what the API server would have stored for `stringData`.
 */
import type { ResourceNode } from '../ir/graph.js';
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import { exprValue, isExprValue, type ExprValue, type Value } from '../ir/value.js';
import { printCel } from '../compile/cel/print.js';
import { TypeKroError } from '../util/errors.js';

type Fields = { readonly [key: string]: Value };

/** `node` with its `stringData` moved into `data` as base64, when it is a v1 Secret with `stringData`. */
export function secretWireForm(node: ResourceNode): ResourceNode {
  if (node.apiVersion !== 'v1' || node.kind !== 'Secret' || !isFields(node.template)) return node;
  const { stringData, data, ...rest } = node.template;
  const given = data === undefined ? undefined : typedForKro(data);
  if (stringData === undefined || stringData === null) return given === data ? node : { ...node, template: { ...rest, data: given ?? null } };
  return { ...node, template: { ...rest, data: mergedData(node, given, stringData) } };
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

function asDyn(value: ExprValue): ExprValue {
  const expr = value.expr;
  return expr.kind === 'call' && expr.fn === 'dyn' && expr.target === undefined ? value : exprValue(E.call('dyn', [expr]));
}

function mergedData(node: ResourceNode, data: Value | undefined, stringData: Value): Value {
  if (isFields(stringData)) {
    const encoded = Object.fromEntries(Object.entries(stringData).map(([key, value]) => [key, encodedValue(value)]));
    if (data === undefined || data === null) return encoded;
    if (isFields(data)) return { ...data, ...encoded };
  } else if (isExprValue(stringData) && (data === undefined || data === null || (isFields(data) && Object.keys(data).length === 0))) {
    return exprValue(encodedMap(stringData.expr));
  }
  const at = node.source ? `${node.source.file}:${node.source.line}:${node.source.column}: ` : '';
  throw new TypeKroError(
    'DEFINITION_INVALID',
    `${at}resource "${node.id}": a Secret's stringData and data are both given and one of them is a whole computed map; the API server merges them key by key, which TypeKro cannot write as one data map\n  hint: give the keys of one of them literally (\`stringData: { user: spec.user }\`), or give only one of the two`,
  );
}

/** One `stringData` value as its `data` value: base64 of its UTF-8 bytes. */
function encodedValue(value: Value): Value {
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('base64');
  if (isExprValue(value)) return exprValue(E.call('dyn', [E.call('base64.encode', [E.call('bytes', [value.expr])])]));
  // A number, boolean or null is what the API server refuses in stringData: left for it to say so, as before.
  return value;
}

/** `m.transformMap(k, v, bytes(v))`; the target in parentheses, so its reads stay whole paths. */
function encodedMap(map: Expr): Expr {
  return E.raw(`dyn((${printCel(map)}).transformMap(k, v, base64.encode(bytes(v))))`, referencedRoots(map));
}

function isFields(value: Value | undefined): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isExprValue(value);
}

/**
 * The same move on plain data (a manifest JavaScript built, an applied object in the test kit): `stringData`
 * merged into `data` as base64 text, a `stringData` key winning. A value that is not text (a `Cel.expr` result
 * the concrete run cannot see into) is kept as it is.
 *
 * @example storedSecret({ apiVersion: 'v1', kind: 'Secret', stringData: { a: 'x' } }); // => { apiVersion: 'v1', kind: 'Secret', data: { a: 'eA==' } }
 */
export function storedSecret<T>(manifest: T): T {
  if (!isRecord(manifest) || manifest['apiVersion'] !== 'v1' || manifest['kind'] !== 'Secret' || !isRecord(manifest['stringData'])) return manifest;
  const { stringData, data, ...rest } = manifest;
  const encoded = Object.entries(stringData as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : value] as const);
  return { ...rest, data: { ...(isRecord(data) ? data : {}), ...Object.fromEntries(encoded) } } as T;
}

/** A pending path (`stringData.password`) of a manifest where {@link storedSecret} moved it (`data.password`). */
export function storedSecretPath(path: string): string {
  return path === 'stringData' || path.startsWith('stringData.') || path.startsWith('stringData[') ? `data${path.slice('stringData'.length)}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);
}
