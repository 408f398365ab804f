/**
 * arktype → schema IR. Reads arktype's serialised node format (`Type#json`, stable in 2.x) rather than its
 * internal classes, and maps exactly what KRO's SimpleSchema can hold; everything else is a `SchemaError`
 * that names the field and says what to write instead, so a schema never silently loses a constraint.
 */
import type { SchemaMarkers, SchemaNode } from '../../ir/schema.js';
import { isPlainObject } from '../../util/json.js';
import {
  type ArkObject,
  boundOf,
  descriptionOf,
  sensitiveOf,
  domainOf,
  expand,
  protoOf,
  resolveDefault,
  unknownKeys,
} from './ark-json.js';
import { refuseAlwaysPresent } from './always-present.js';
import { SchemaError } from './errors.js';
import { lengths, mapString, rejectUnknown, stringAlternatives } from './ark-strings.js';

/**
 * Anything with arktype's `json` view; every arktype `Type` (2.x) qualifies, whichever copy it comes from.
 *
 * @example
 * ```ts
 * const schema: ArkTypeLike = type({ replicas: 'number' });
 * ```
 */
export interface ArkTypeLike {
  readonly json: unknown;
}

export interface ArktypeToSchemaOptions {
  /** Root of error paths, and which schema this is. */
  readonly name: 'spec' | 'status';
}

/**
 * Maps an arktype object type to the schema IR.
 *
 * @example
 * ```ts
 * const node = arktypeToSchema(type({ name: 'string', replicas: 'number.integer = 1' }), { name: 'spec' });
 * // { kind: 'struct', required: ['name'], fields: { name: {kind: 'string'}, replicas: {kind: 'integer', markers: {default: 1}} } }
 * ```
 * @throws SchemaError for constructs SimpleSchema cannot express (null, mixed unions, morphs, tuples...), and
 *   AlwaysPresentFieldError for an optional spec field KRO always creates (see `always-present.ts`).
 */
export function arktypeToSchema(type: ArkTypeLike, options: ArktypeToSchemaOptions): SchemaNode {
  const json = (type as Partial<ArkTypeLike> | null)?.json;
  if (json === undefined) {
    throw new SchemaError(options.name, `must be an arktype type like type({ name: 'string' }) (TypeKro reads its .json to build the SimpleSchema); got ${type === null ? 'null' : typeof type}`);
  }
  const node = mapNode(json, options.name);
  // A status without fields is a composition without status fields, as one that omits `status` (graphHeader).
  if (node.kind === 'object' && options.name === 'status') return { kind: 'struct', required: [], fields: {}, markers: node.markers };
  if (node.kind === 'object') {
    // type({}) and type('object') have no fields: KRO needs a declared schema, not a free-form object
    throw new SchemaError(options.name, `must declare its fields, like type({ name: 'string' }) (optional fields are fine: type({ 'note?': 'string' })); got an object type without fields`);
  }
  if (node.kind !== 'struct') {
    throw new SchemaError(options.name, `must be an object type like type({ name: 'string' }), got ${node.kind}`);
  }
  // The spec is what KRO defaults; status values come from the composition's expressions.
  if (options.name === 'spec') refuseAlwaysPresent(node, 'spec');
  return node;
}

function mapNode(json: unknown, path: string): SchemaNode {
  const node = expand(json);
  if (Array.isArray(node)) return mapUnion(node, path, {});
  if (!isPlainObject(node)) throw new SchemaError(path, `unsupported arktype node ${JSON.stringify(node)}`);
  const markers = describe(node);
  if ('branches' in node) return mapUnion(asArray(node['branches']), path, markers);
  if ('morphs' in node || 'in' in node) {
    throw new SchemaError(path, 'morphs (.pipe, parse keywords like string.numeric.parse, string.trim) run only in JavaScript; use the input type and transform in the composition');
  }
  if ('predicate' in node) throw new SchemaError(path, predicateProblem(node['predicate']));
  if ('unit' in node) return mapUnion([node], path, markers);
  if ('sequence' in node || protoOf(node) === 'Array') return mapArray(node, path, markers);
  const proto = protoOf(node);
  if (proto !== undefined) throw new SchemaError(path, `instances of ${proto} cannot be stored in a custom resource; use a string (e.g. an ISO date)`);
  const domain = domainOf(node);
  if (domain === undefined && unknownKeys(node, ['meta']).length === 0) return { kind: 'object', markers };
  if (domain === 'string') return mapString(node, path, markers);
  if (domain === 'number') return mapNumber(node, path, markers);
  if (domain === 'object') return mapObject(node, path, markers);
  throw new SchemaError(path, `the ${domain ?? 'given'} type has no SimpleSchema equivalent; use string, number, boolean, an array, a Record or an object`);
}

/** `.narrow()` and keywords checked by a function (`string.url`, `string.json`, `string.date`): JavaScript only. */
function predicateProblem(raw: unknown): string {
  const described = asArray(Array.isArray(raw) ? raw : [raw]).map((p) => (isPlainObject(p) ? descriptionOf(p) : undefined)).find((d) => d !== undefined);
  if (described === undefined) return 'custom .narrow() predicates cannot be checked by the API server; use bounds, a regex or an enum';
  return (
    `is "${described}" (an arktype keyword), which arktype checks with a JavaScript function; the API server cannot run it and ` +
    "KRO's SimpleSchema (v0.9.4) has no format marker; declare it 'string' (with a regex the API server can check, if one says enough) and check the rest in the composition"
  );
}

function describe(node: ArkObject): SchemaMarkers {
  const description = descriptionOf(node);
  return { ...(description === undefined ? {} : { description }), ...(sensitiveOf(node) ? { sensitive: true } : {}) };
}

function asArray(raw: unknown): readonly unknown[] {
  return Array.isArray(raw) ? raw : [];
}

function mapNumber(node: ArkObject, path: string, base: SchemaMarkers): SchemaNode {
  rejectUnknown(node, path, ['domain', 'meta', 'divisor', 'min', 'max']);
  const divisor = boundOf(node['divisor']);
  if (divisor && divisor.value !== 1) {
    throw new SchemaError(path, `divisibility by ${divisor.value} cannot be expressed; use number.integer (or 'number % 1') with a validation in the composition`);
  }
  const integer = divisor !== undefined;
  const min = boundOf(node['min']);
  const max = boundOf(node['max']);
  if (!integer && (min?.exclusive || max?.exclusive)) {
    throw new SchemaError(path, 'exclusive bounds (> or <) on a float cannot be expressed in SimpleSchema; use >= or <=');
  }
  const markers: { -readonly [K in keyof SchemaMarkers]: SchemaMarkers[K] } = { ...base };
  // Exclusive integer bounds become the nearest inclusive integer.
  if (min) markers.minimum = integer ? (min.exclusive ? Math.floor(min.value) + 1 : Math.ceil(min.value)) : min.value;
  if (max) markers.maximum = integer ? (max.exclusive ? Math.ceil(max.value) - 1 : Math.floor(max.value)) : max.value;
  return { kind: integer ? 'integer' : 'float', markers };
}

function mapArray(node: ArkObject, path: string, base: SchemaMarkers): SchemaNode {
  rejectUnknown(node, path, ['sequence', 'proto', 'meta', 'minLength', 'maxLength', 'exactLength']);
  const sequence = node['sequence'];
  if (isPlainObject(sequence) && ['prefix', 'postfix', 'variadic', 'optionals', 'defaults'].some((k) => k in sequence)) {
    throw new SchemaError(path, 'tuples cannot be expressed in SimpleSchema; use an array of one type (T[]) or an object');
  }
  // `unknown[]` serialises without a sequence.
  const items = sequence === undefined ? ({ kind: 'object', markers: {} } as const) : mapNode(sequence, `${path}[]`);
  return { kind: 'array', items, markers: { ...base, ...lengths(node, path, 'Items') } };
}

function mapObject(node: ArkObject, path: string, markers: SchemaMarkers): SchemaNode {
  rejectUnknown(node, path, ['domain', 'meta', 'required', 'optional', 'index', 'undeclared']);
  const index = asArray(node['index']);
  const hasProps = 'required' in node || 'optional' in node;
  if (index.length > 0 && hasProps) {
    throw new SchemaError(path, 'mixes named keys with an index signature; SimpleSchema objects are either structs or maps');
  }
  if (index.length > 0) return mapRecord(index, path, markers);
  if (!hasProps) return { kind: 'object', markers };
  return mapStruct(node, path, markers);
}

function mapRecord(index: readonly unknown[], path: string, markers: SchemaMarkers): SchemaNode {
  const [entry] = index;
  if (index.length !== 1 || !isPlainObject(entry) || expandedDomain(entry['signature']) !== 'string') {
    throw new SchemaError(path, 'only Record<string, V> maps are supported (KRO map keys are strings)');
  }
  const value = expand(entry['value']);
  // Record<string, unknown> is the idiom for "any object": SimpleSchema's schemaless `object`.
  if (isPlainObject(value) && Object.keys(value).length === 0) return { kind: 'object', markers };
  return { kind: 'map', values: mapNode(value, `${path}[*]`), markers };
}

function expandedDomain(raw: unknown): string | undefined {
  const node = expand(raw);
  return isPlainObject(node) ? domainOf(node) : undefined;
}

function mapStruct(node: ArkObject, path: string, markers: SchemaMarkers): SchemaNode {
  const fields: Record<string, SchemaNode> = {};
  const required: string[] = [];
  const props = [
    ...asArray(node['required']).map((p) => ({ prop: p, optional: false })),
    ...asArray(node['optional']).map((p) => ({ prop: p, optional: true })),
  ];
  for (const { prop, optional } of props) {
    if (!isPlainObject(prop) || typeof prop['key'] !== 'string') throw new SchemaError(path, 'has a non-string key; use string keys');
    const key = prop['key'];
    const { value, maybeUndefined } = withoutUndefined(prop['value']);
    const fieldPath = `${path}.${key}`;
    let field: SchemaNode;
    try {
      field = mapNode(value, fieldPath);
      if ('default' in prop) field = withDefault(field, resolveDefault(prop['default']), fieldPath);
    } catch (error) {
      // The innermost key holding the problem: the definition finds it in the source (`'port?'`, `port`).
      throw error instanceof SchemaError ? error.under(optional ? `${key}?` : key) : error;
    }
    fields[key] = field;
    if (!optional && !maybeUndefined && field.markers.default === undefined) required.push(key);
  }
  return { kind: 'struct', fields, required, markers };
}

/** `'x?': 'string | undefined'` is common; the undefined branch just means "may be absent". */
function withoutUndefined(raw: unknown): { value: unknown; maybeUndefined: boolean } {
  if (!Array.isArray(raw)) return { value: raw, maybeUndefined: false };
  const rest = raw.filter((b) => !(isPlainObject(b) && b['unit'] === 'undefined'));
  if (rest.length === raw.length) return { value: raw, maybeUndefined: false };
  return { value: rest.length === 1 ? rest[0] : rest, maybeUndefined: true };
}

function withDefault(field: SchemaNode, value: unknown, path: string): SchemaNode {
  if (value === undefined || typeof value === 'function' || typeof value === 'bigint') {
    throw new SchemaError(path, 'has a default that is not JSON data; use a literal or a function returning JSON');
  }
  return { ...field, markers: { ...field.markers, default: value } };
}

type Literal = string | number | boolean | null;

function mapUnion(branches: readonly unknown[], path: string, markers: SchemaMarkers): SchemaNode {
  if (branches.some((b) => isPlainObject(b) && b['unit'] === null)) {
    throw new SchemaError(path, "null is not supported by KRO; make the field optional ('key?') instead of allowing null");
  }
  const patterned = stringAlternatives(branches, path, markers);
  if (patterned) return patterned;
  const units: Literal[] = [];
  for (const branch of branches) {
    if (!isPlainObject(branch) || !('unit' in branch)) {
      throw new SchemaError(path, 'unions of different kinds cannot be expressed in SimpleSchema; use one type per field (split it into two optional fields, or use a string enum)');
    }
    units.push(branch['unit'] as Literal);
  }
  if (units.includes('undefined')) throw new SchemaError(path, "undefined is only allowed on optional keys; write 'key?': 'T'");
  if (units.every((u) => typeof u === 'boolean')) {
    if (units.length === 2) return { kind: 'boolean', markers };
    throw new SchemaError(path, `the literal ${String(units[0])} cannot be expressed (SimpleSchema enums are strings or integers); use boolean`);
  }
  const strings = units.filter((u): u is string => typeof u === 'string');
  if (strings.length === units.length) return { kind: 'string', markers: { ...markers, enum: sortEnum(strings) } };
  const numbers = units.filter((u): u is number => typeof u === 'number');
  if (numbers.length === units.length && numbers.every((u) => Number.isSafeInteger(u))) {
    return { kind: 'integer', markers: { ...markers, enum: sortEnum(numbers) } };
  }
  if (units.every((u) => typeof u === 'number')) throw new SchemaError(path, 'non-integer number literals cannot be an enum (SimpleSchema enums are strings or integers); use a string enum or bounds');
  throw new SchemaError(path, 'literal unions must be all strings or all integers; use one kind');
}

/** arktype already orders branches, but sort explicitly so output never depends on its internals. */
function sortEnum<T extends string | number>(values: readonly T[]): T[] {
  return [...values].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}
