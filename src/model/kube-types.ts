/**
 * Static types of Kubernetes kinds for the compiler, read from the field metadata of
 * `@kubernetes/client-node`'s models (`k8s-models.ts`, generated). Types are built lazily
 * and cached per model name; recursive models resolve through the cache.
 */
import { T, type CelType, type FieldType } from '../ir/types.js';
import { isExprValue } from '../ir/value.js';
import { modelAttributes, modelRequired } from './k8s-models.js';
import { isQuantityField } from './quantity-fields.js';
import { isRef } from './refs.js';

/**
 * Types by model name, and the builders of the kinds client-node has no model for. Module-level on purpose:
 * a type is derived from client-node's static metadata or from a factory's schema alone (the model name holds
 * the schema's digest), and builders are registered as factory modules load, so both grow with the code
 * loaded (kinds and generated factories), never with the compositions defined.
 */
const cache = new Map<string, CelType>();
/** Each model type's required fields, and its copy with them present (by type: a type is one model's). */
const required = new WeakMap<CelType, readonly string[]>();
const requiredPresent = new WeakMap<CelType, CelType>();
const extraModels = new Map<string, () => CelType>();

/**
 * Adds the type of a kind client-node has no model for (Flux objects), under a model name factories use.
 * `build` runs on first use and may call {@link modelType} for nested Kubernetes models.
 */
export function registerModelType(modelName: string, build: () => CelType): void {
  extraModels.set(modelName, build);
}

/** The CelType of a client-node model (`V1Deployment`), or `undefined` when there is no such model. */
export function modelType(modelName: string): CelType | undefined {
  const cached = cache.get(modelName);
  if (cached) return cached;
  const extra = extraModels.get(modelName);
  if (extra) {
    const type = extra();
    cache.set(modelName, type);
    return type;
  }
  const attributes = modelAttributes(modelName);
  if (!attributes) return undefined;
  // Insert first so recursive models (JSONSchemaProps) terminate; fill the fields afterwards.
  const fields: Record<string, FieldType> = {};
  const aliases = Object.fromEntries(attributes.filter((a) => a.name !== a.baseName).map((a) => [a.name, a.baseName]));
  const type: CelType = Object.keys(aliases).length > 0 ? { kind: 'object', fields, open: false, aliases } : T.object(fields);
  cache.set(modelName, type);
  required.set(type, modelRequired(modelName));
  for (const attribute of attributes) {
    const field = typeFromText(attribute.type, attribute.format);
    fields[attribute.baseName] = { type: isQuantityField(modelName, attribute.baseName) ? asQuantity(field) : field, optional: true };
  }
  return type;
}

/** A Quantity field's string type (itself, its map values or its list items) marked as taking numbers too. */
function asQuantity(type: CelType): CelType {
  if (type.kind === 'list') return T.list(asQuantity(type.item));
  if (type.kind === 'map') return T.map(asQuantity(type.value));
  return type.kind === 'string' ? T.quantity : type;
}

const KUBERNETES_TIME: CelType = Object.freeze({ kind: 'timestamp', kubernetesTime: true });

function typeFromText(text: string, format: string): CelType {
  const array = /^Array<(.+)>$/.exec(text);
  // The format is the items' (a Secret's `data` is a map of base64 strings: bytes to KRO's CEL).
  if (array?.[1]) return T.list(typeFromText(array[1], format));
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(text);
  if (map?.[1]) return T.map(typeFromText(map[1], format));
  switch (text) {
    case 'string':
      return format === 'byte' ? { kind: 'bytes' } : T.string;
    case 'number':
      return format === 'double' || format === 'float' ? T.double : T.int;
    case 'boolean':
      return T.bool;
    case 'IntOrString':
      return T.intOrString;
    case 'Date':
      // client-node's `Date` is metav1.Time (MicroTime has its own model): the API server writes whole seconds in UTC.
      return KUBERNETES_TIME;
    default:
      return modelType(text) ?? T.dyn;
  }
}

/**
 * A Kubernetes object without a schema: any fields, but its `spec` and `status` are objects (the API
 * conventions), as KRO's checker types them: reading their fields needs no test of what they are
 * (ir/untyped-target.ts).
 */
const UNTYPED_OBJECT = T.object({ spec: { type: T.dynObject, optional: true }, status: { type: T.dynObject, optional: true } }, true);

/**
 * The type of an object of `modelName` as observed in the cluster: every field may be absent except
 * the identity fields and the paths the template itself sets (`present`).
 *
 * With `memo` (owned by the caller, e.g. one definition), templates of one model that set the same paths share
 * one type: building it copies the model's field maps (a pod spec has about 40 fields) at every level the
 * template sets, which cost more than the rest of registering a resource.
 */
export function observedType(modelName: string | undefined, present: unknown, memo?: Map<string, CelType>): CelType {
  const base = (modelName && modelType(modelName)) || UNTYPED_OBJECT;
  if (!memo) return markPresent(base, present, true);
  const key = `${modelName ?? ''}\u0000${shapeOf(base, present)}`;
  let type = memo.get(key);
  if (!type) {
    type = markPresent(base, present, true);
    memo.set(key, type);
  }
  return type;
}

/** True when `markPresent` looks inside `present` (an object template of an object type). */
function descends(type: CelType, present: unknown): present is Record<string, unknown> {
  return type.kind === 'object' && isTemplateObject(present);
}

/** An object the template writes itself: not a list, a reference or a compiled expression. */
function isTemplateObject(present: unknown): present is Record<string, unknown> {
  return typeof present === 'object' && present !== null && !Array.isArray(present) && !isRef(present) && !isExprValue(present);
}

/** True when `present` (a template's value) sets a field of any JSON type to an object. */
function setsObject(type: CelType, present: unknown): boolean {
  return type.kind === 'dyn' && !type.intOrString && !type.object && isTemplateObject(present);
}

/** The paths of `present` that `markPresent` marks, as text: equal texts give equal types for one base type. */
function shapeOf(type: CelType, present: unknown): string {
  if (setsObject(type, present)) return 'o';
  if (type.kind !== 'object' || !descends(type, present)) return '';
  let shape = '{';
  for (const key of Object.keys(present)) {
    const field = type.fields[key] ?? (type.open ? { type: T.dyn, optional: true } : undefined);
    if (field) shape += `${key.length}:${key}${shapeOf(field.type, present[key])},`;
  }
  return `${shape}}`;
}

function markPresent(type: CelType, present: unknown, isRoot: boolean): CelType {
  // A field of unknown type the template sets to an object stays an object: the API server keeps its kind.
  if (setsObject(type, present)) return T.dynObject;
  // A list the template sets is observed with items the API server validated (or holds none): a field the
  // model requires is on every item (`svc.spec.ports.map((p) => p.port)`), also on items others added.
  if (type.kind === 'list') return { ...type, item: withRequired(type.item) };
  if (type.kind !== 'object' || !descends(type, present)) return type;
  const fields: Record<string, FieldType> = { ...type.fields };
  for (const [key, value] of Object.entries(present)) {
    const field = fields[key] ?? (type.open ? { type: T.dyn, optional: true } : undefined);
    if (field) fields[key] = { type: markPresent(field.type, value, false), optional: false };
  }
  if (isRoot) {
    for (const key of ['apiVersion', 'kind', 'metadata']) {
      const field = fields[key];
      if (field) fields[key] = { ...field, optional: false };
    }
  }
  return { kind: 'object', fields, open: type.open, ...(type.aliases ? { aliases: type.aliases } : {}) };
}

/** `type` with the fields its model requires present (an observed item passed the API's validation). */
function withRequired(type: CelType): CelType {
  const names = required.get(type);
  if (type.kind !== 'object' || !names || names.length === 0) return type;
  let marked = requiredPresent.get(type);
  if (!marked) {
    const fields: Record<string, FieldType> = { ...type.fields };
    for (const name of names) if (fields[name]) fields[name] = { ...fields[name], optional: false };
    marked = { ...type, fields };
    requiredPresent.set(type, marked);
  }
  return marked;
}
