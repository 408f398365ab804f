/**
 * Model names → wire names. `@kubernetes/client-node` renames fields that are JavaScript keywords or not
 * identifiers (`from` → `_from`, `default` → `_default`, `x-kubernetes-*` → `x_kubernetes_*`), and its
 * generated classes record both names in `attributeTypeMap`. Manifests typed with those models must reach
 * the cluster with the wire names, so one walk driven by that metadata renames keys.
 * Values are never converted: client-node's ObjectSerializer would drop fields newer than its models, so
 * only keys change here.
 */
import { closest } from 'fastest-levenshtein';
import { E, type Expr } from '../ir/expr.js';
import { exprValue, isExprValue } from '../ir/value.js';
import { formatLocation, userFrames } from './call-site.js';
import { modelAttributes, type ModelAttribute } from './k8s-models.js';
import { TypeKroError } from '../util/errors.js';

type Attribute = ModelAttribute;

interface ModelFields {
  /** By model name and by wire name, so both spellings are accepted. */
  readonly byKey: ReadonlyMap<string, Attribute>;
}

/** What a type text of client-node's metadata is: a list, a string-keyed map, a model with fields, or untyped (`any`, `IntOrString`). */
type TypeShape =
  | { readonly kind: 'list'; readonly item: string }
  | { readonly kind: 'map'; readonly entry: string }
  | { readonly kind: 'model'; readonly fields: ModelFields }
  | { readonly kind: 'other' };

// Derived once from client-node's static metadata (never from user input), like kube-types' type cache: one
// entry per type text of its models, so it cannot grow with the compositions defined. Every value of every
// manifest is walked with its type text, which is thus read once, not matched again per value.
const shapeCache = new Map<string, TypeShape>();

function shapeOf(typeText: string): TypeShape {
  let shape = shapeCache.get(typeText);
  if (shape === undefined) {
    shape = readShape(typeText);
    shapeCache.set(typeText, shape);
  }
  return shape;
}

/** `Array<X>` → a list of `X`; `{ [key: string]: X; }` → a map of `X`; a model name → its fields. */
function readShape(typeText: string): TypeShape {
  const item = /^Array<(.+)>$/.exec(typeText)?.[1];
  if (item !== undefined) return { kind: 'list', item };
  const entry = /^\{ \[key: string\]: (.+); \}$/.exec(typeText)?.[1];
  if (entry !== undefined) return { kind: 'map', entry };
  const attributes = modelAttributes(typeText);
  if (!attributes) return { kind: 'other' };
  const byKey = new Map<string, Attribute>();
  for (const attribute of attributes) {
    byKey.set(attribute.baseName, attribute);
    byKey.set(attribute.name, attribute);
  }
  return { kind: 'model', fields: { byKey } };
}

/** The fields of a client-node model class, or `undefined` when `typeText` names no model. */
function modelFields(typeText: string): ModelFields | undefined {
  const shape = shapeOf(typeText);
  return shape.kind === 'model' ? shape.fields : undefined;
}

function listItem(typeText: string): string | undefined {
  const shape = shapeOf(typeText);
  return shape.kind === 'list' ? shape.item : undefined;
}

function mapValue(typeText: string): string | undefined {
  const shape = shapeOf(typeText);
  return shape.kind === 'map' ? shape.entry : undefined;
}

/** True when `modelName` is a client-node model whose fields can be checked and renamed. */
export function hasWireNames(modelName: string | undefined): modelName is string {
  return modelName !== undefined && modelFields(modelName) !== undefined;
}

/**
 * The manifest with every model field name replaced by its wire name (`_from` → `from`), checked against
 * the model: an unknown key throws {@link UnknownFieldError}. Reference proxies, maps' own keys and
 * untyped fields (`any`, `IntOrString`) are left as they are.
 *
 * @example
 * toWireNames('V1NetworkPolicy', { spec: { ingress: [{ _from: [{ podSelector: {} }] }] } });
 * // → { spec: { ingress: [{ from: [{ podSelector: {} }] }] } }
 */
export function toWireNames(modelName: string, manifest: Record<string, unknown>): Record<string, unknown> {
  return wireValue(manifest, modelName, []) as Record<string, unknown>;
}

/** {@link toWireNames} for a factory's manifest: an unknown field is reported with the call site and the way out. */
export function wireManifest(info: { readonly kind: string }, modelName: string, manifest: Record<string, unknown>): Record<string, unknown> {
  try {
    return toWireNames(modelName, manifest);
  } catch (error) {
    if (!(error instanceof UnknownFieldError)) throw error;
    throw new UnknownFieldError(
      error.path,
      error.suggestion,
      `${formatLocation(userFrames()[0])}: ${info.kind}: ${error.message} (fields are those of the Kubernetes API as @kubernetes/client-node models it; ` +
        `for a field it lacks, write the whole object with customResource({ apiVersion, kind, ... }))`,
    );
  }
}

// `path` (for messages) is extended and restored in place as the walk descends, not copied per value.
function wireValue(value: unknown, typeText: string, path: (string | number)[]): unknown {
  if (isExprValue(value)) {
    const expr = wireExpr(value.expr, typeText, path);
    return expr === value.expr ? value : exprValue(expr);
  }
  const shape = shapeOf(typeText);
  if (shape.kind === 'list') {
    return Array.isArray(value) ? value.map((entry, i) => wireAt(entry, shape.item, path, i)) : value;
  }
  if (shape.kind === 'other' || !isPlainObject(value)) return value;
  if (shape.kind === 'map') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, wireAt(entry, shape.entry, path, key)]));
  }
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const attribute = fieldFor(shape.fields, key, path);
    if (Object.hasOwn(result, attribute.baseName)) {
      throw new TypeKroError('DEFINITION_INVALID', `${formatPath([...path, key])} is given twice, as "${attribute.name}" and "${attribute.baseName}"; keep one`);
    }
    result[attribute.baseName] = wireAt(entry, attribute.type, path, attribute.baseName);
  }
  return result;
}

function wireAt(value: unknown, typeText: string, path: (string | number)[], segment: string | number): unknown {
  path.push(segment);
  const result = wireValue(value, typeText, path);
  path.pop();
  return result;
}

/** Expressions compiled from source (`spec.x ? { ... } : { ... }`): object literals in them get wire names too. */
function wireExpr(expr: Expr, typeText: string, path: readonly (string | number)[]): Expr {
  if (expr.kind === 'conditional') {
    const then = wireExpr(expr.then, typeText, path);
    const otherwise = wireExpr(expr.otherwise, typeText, path);
    return then === expr.then && otherwise === expr.otherwise ? expr : E.cond(expr.test, then, otherwise);
  }
  const item = listItem(typeText);
  if (expr.kind === 'list' && item !== undefined) {
    const items = expr.items.map((entry, i) => wireExpr(entry, item, [...path, i]));
    return items.every((entry, i) => entry === expr.items[i]) ? expr : E.list(items);
  }
  if (expr.kind !== 'map') return expr;
  const entryType = mapValue(typeText);
  const fields = entryType === undefined ? modelFields(typeText) : undefined;
  let changed = false;
  const entries = expr.entries.map((entry) => {
    const key = entry.key.kind === 'literal' && entry.key.literal.kind === 'string' ? entry.key.literal.value : undefined;
    if (key === undefined) return entry;
    const attribute = fields ? fieldFor(fields, key, path) : undefined;
    const wireKey = attribute?.baseName ?? key;
    const value = wireExpr(entry.value, attribute?.type ?? entryType ?? 'any', [...path, wireKey]);
    if (wireKey === key && value === entry.value) return entry;
    changed = true;
    return { key: E.str(wireKey), value };
  });
  return changed ? E.map(entries) : expr;
}

function fieldFor(fields: ModelFields, key: string, path: readonly (string | number)[]): Attribute {
  const attribute = fields.byKey.get(key);
  if (attribute) return attribute;
  // Suggest the spelling the TypeScript types accept (client-node's model name), and the YAML's where it differs.
  const near = closest(key, [...fields.byKey.keys()]);
  const match = near === undefined ? undefined : fields.byKey.get(near);
  const fieldPath = formatPath([...path, key]);
  if (!match || match.name === match.baseName) throw new UnknownFieldError(fieldPath, match?.name ?? near);
  throw new UnknownFieldError(fieldPath, match.name, `unknown field ${fieldPath}; did you mean "${match.name}" (written "${match.baseName}" in the YAML)?`);
}

/**
 * A key the Kubernetes model does not know (a typo, or a field newer than client-node's models).
 *
 * @example try { toWireNames('V1Deployment', { spec: { replica: 1 } }) } catch (e) { (e as UnknownFieldError).path } // 'spec.replica'
 */
export class UnknownFieldError extends TypeKroError {
  override readonly name = 'UnknownFieldError';
  constructor(
    readonly path: string,
    readonly suggestion: string | undefined,
    message = `unknown field ${path}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  ) {
    super('DEFINITION_INVALID', message);
  }
}

/**
 * A reference path as the user wrote it (model names) → the wire path CEL must read.
 * `['spec', 'ingress', 0, '_from']` on `V1NetworkPolicy` → `['spec', 'ingress', 0, 'from']`.
 *
 * @example wirePath('V1NetworkPolicy', ['spec', 'ingress', 0, '_from']).path // ['spec', 'ingress', 0, 'from']
 */
export function wirePath(typeText: string, path: readonly (string | number)[]): { path: (string | number)[]; type: string } {
  let type = typeText;
  const result: (string | number)[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') {
      type = listItem(type) ?? 'any';
      result.push(segment);
      continue;
    }
    const entryType = mapValue(type);
    const attribute = entryType === undefined ? modelFields(type)?.byKey.get(segment) : undefined;
    result.push(attribute?.baseName ?? segment);
    type = attribute?.type ?? entryType ?? 'any';
  }
  return { path: result, type };
}

/** The item type of a list at `type` (for loop items over a typed list). */
export function itemType(type: string): string {
  return listItem(type) ?? 'any';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** `spec.ingress[0].from` for messages. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}
