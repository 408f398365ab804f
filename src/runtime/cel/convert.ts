/**
 * KRO's value conversions around CEL (kro-facts §5). In: JSON data becomes CEL-native values, with the
 * schema deciding int vs double (cel-js reads a JS `number` as double, a `bigint` as int). Out: CEL values
 * become JSON again the way `pkg/cel/conversion GoNativeType` does it.
 */
import type { OpenApiSchema } from '../../ir/openapi.js';
import { Optional } from '@marcbachmann/cel-js';
import { Duration } from '@marcbachmann/cel-js/evaluator';
import type { SchemaNode } from '../../ir/schema.js';
import { isPlainObject } from '../../util/json.js';
import { TypeKroError } from '../../util/errors.js';
import { KroCondition, KroOmit } from './library/kro.js';
import { parseGoDuration, parseRfc3339 } from './library/time.js';
import { withArticle } from '../../util/article.js';

/**
 * A spec value typed by the composition's schema: `integer` → int (whole floats accepted, as the API server
 * decodes them), `float` → double even when whole, schemaless parts as {@link jsonToCel}.
 */
export function specToCel(node: SchemaNode | undefined, value: unknown): unknown {
  if (value === null || value === undefined || node === undefined) return jsonToCel(value);
  switch (node.kind) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
    case 'float':
      return value;
    case 'array':
      return Array.isArray(value) ? value.map((item: unknown) => specToCel(node.items, item)) : jsonToCel(value);
    case 'map':
      return isPlainObject(value) ? mapValues(value, (item) => specToCel(node.values, item)) : jsonToCel(value);
    case 'struct':
      return isPlainObject(value) ? mapValues(value, (item, key) => specToCel(node.fields[key], item)) : jsonToCel(value);
    default:
      return jsonToCel(value);
  }
}

/**
 * An object as the API server returns it: every whole number is an int, as Kubernetes' unstructured
 * decoding produces int64 for integral JSON numbers. (KRO types fields from `/openapi/v3`, so a whole value
 * in a `number` field would be a double there; such fields are rare in practice.)
 */
export function jsonToCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((item: unknown) => jsonToCel(item));
  if (isPlainObject(value)) return mapValues(value, (item) => jsonToCel(item));
  return value;
}

export type { OpenApiSchema } from '../../ir/openapi.js';

/**
 * An object typed by its OpenAPI schema, as KRO wraps observed objects (`pkg/cel/unstructured`
 * `UnstructuredToVal`, used by `pkg/runtime/node_context.go` for every resource with a schema): `integer`
 * → int, `number` → double even when whole, `string` with format `date-time`/`date` → timestamp, `byte` →
 * bytes (base64-decoded: a Secret's `data`), `duration` → duration. In an object with `properties`, a
 * declared field follows its schema, a null field is absent, and an undeclared field stays readable as
 * plain JSON (KRO's "best effort" divergence from Kubernetes; its type check rejects such reads in the
 * RGD, direct mode refuses them with {@link impossibleRead}). int-or-string, preserve-unknown-fields and
 * untyped parts are plain JSON ({@link jsonToCel}). A value that does not fit its format is left as it is
 * (KRO turns it into an error that surfaces when the field is read).
 *
 * @example
 * ```ts
 * openApiToCel({ type: 'object', properties: { data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } } } },
 *   { data: { uri: 'YXBpLnRlc3QuY29t' } }); // { data: { uri: Uint8Array(12) } }: string(secret.data.uri) == 'api.test.com'
 * ```
 */
export function openApiToCel(schema: OpenApiSchema | undefined, value: unknown): unknown {
  if (value === null || value === undefined || schema === undefined) return jsonToCel(value);
  if (schema['x-kubernetes-int-or-string']) return jsonToCel(value);
  switch (schema.type) {
    case 'object': {
      if (!isPlainObject(value)) return jsonToCel(value);
      const properties = schema.properties;
      if (properties || schema['x-kubernetes-embedded-resource']) {
        const declared = (key: string, item: unknown): unknown => (properties?.[key] ? openApiToCel(properties[key], item) : jsonToCel(item));
        return celMap(Object.entries(value).flatMap(([key, item]) => (item === null || item === undefined ? [] : [[key, declared(key, item)] as const])));
      }
      const values = schema.additionalProperties;
      if (typeof values === 'object') return mapValues(value, (item) => openApiToCel(values, item));
      return jsonToCel(value);
    }
    case 'array':
      return Array.isArray(value) ? value.map((item: unknown) => openApiToCel(schema.items, item)) : jsonToCel(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
    case 'number':
      return value;
    case 'string':
      return typeof value === 'string' ? formattedString(schema.format, value) : value;
    default:
      return jsonToCel(value);
  }
}

/**
 * Why `path` (field names read from an object typed by `schema`) can never be present, or `undefined`
 * when it can. A field is impossible when an object declares its `properties` and not this one, without
 * `x-kubernetes-preserve-unknown-fields`: KRO's type check rejects such a read (`undefined field`), while
 * evaluating it would only ever say "no such key" and wait. Reads into untyped parts, maps and
 * preserve-unknown-fields objects are always possible. A numeric segment indexes a list.
 *
 * @example
 * ```ts
 * impossibleRead(secretSchema, ['data', 'uri']); // undefined: data is a map
 * impossibleRead(secretSchema, ['spec']);        // 'the object has no field "spec" in its schema (fields: apiVersion, data, ...)'
 * ```
 */
export function impossibleRead(schema: OpenApiSchema | undefined, path: readonly (string | number)[]): string | undefined {
  let current = schema;
  const seen: string[] = [];
  for (const segment of path) {
    if (current === undefined || current['x-kubernetes-int-or-string'] || current['x-kubernetes-preserve-unknown-fields']) return undefined;
    if (current.type === 'array') {
      if (typeof segment !== 'number' && !/^\d+$/.test(segment)) return `${seen.join('.') || 'the object'} is a list, not an object with field "${segment}"`;
      current = current.items;
    } else if (current.type === 'object' && current.properties && !current['x-kubernetes-embedded-resource']) {
      const next = current.properties[String(segment)];
      if (next === undefined) {
        const known = Object.keys(current.properties).sort();
        return `${seen.length ? `"${seen.join('.')}"` : 'the object'} has no field "${segment}" in its schema (fields: ${known.join(', ') || 'none'})`;
      }
      current = next;
    } else if (current.type === 'object' && typeof current.additionalProperties === 'object') {
      current = current.additionalProperties;
    } else if (current.type !== undefined && current.type !== 'object') {
      return `"${seen.join('.')}" is ${withArticle(current.type)}${current.format ? ` (${current.format})` : ''}, which has no field "${segment}"`;
    } else {
      return undefined;
    }
    seen.push(String(segment));
  }
  return undefined;
}

function formattedString(format: string | undefined, text: string): unknown {
  try {
    switch (format) {
      case 'date-time':
        return parseRfc3339(text);
      case 'date':
        return parseRfc3339(`${text}T00:00:00Z`);
      case 'byte':
        return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 ? new Uint8Array(Buffer.from(text, 'base64')) : text;
      case 'duration': {
        const nanos = parseGoDuration(text);
        return new Duration(nanos / 1_000_000_000n, Number(nanos % 1_000_000_000n));
      }
    }
  } catch {
    return text;
  }
  return text;
}

function mapValues(object: Record<string, unknown>, fn: (value: unknown, key: string) => unknown): unknown {
  return celMap(Object.entries(object).flatMap(([key, value]) => (value === undefined ? [] : [[key, fn(value, key)] as const])));
}

/**
 * A CEL map of these entries. cel-js tells a map by its `constructor` (an own `constructor` key of a spec
 * map, such as a label or env name, made every read an "Unsupported type" error), and `out[key] =` drops a
 * `__proto__` key: a map with either key is a `Map`, any other a plain object.
 */
function celMap(entries: readonly (readonly [string, unknown])[]): unknown {
  return entries.some(([key]) => key === 'constructor' || key === '__proto__') ? new Map(entries) : Object.fromEntries(entries);
}

/** A CEL result that has no JSON form (bytes, NaN, an int beyond 2^53). */
export class CelOutputError extends TypeKroError {
  override readonly name = 'CelOutputError';
  constructor(message: string, options?: ErrorOptions) {
    super('DEPLOY_FAILED', message, options);
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A CEL result in Go-native form, as KRO's `pkg/cel/conversion GoNativeType` makes it (`omit()` stays the
 * {@link OMIT} sentinel): int → `bigint`,
 * double → `number`, uint and bytes unchanged, optional none → `null` (a value → the value), timestamp →
 * RFC 3339 UTC in whole seconds (`metav1.Time`), duration → Go duration text (`metav1.Duration`), lists
 * and string-keyed maps recursively. Type values, non-string map keys and other kinds are rejected, as
 * KRO rejects them (`unsupported type`). A `runtime.newCondition` value becomes its map, as KRO's
 * condition evaluation reads it, unless `conditionsAsMaps` is false (plain `GoNativeType`, which rejects it).
 */
export function celToNative(value: unknown, conditionsAsMaps = true): unknown {
  const recurse = (item: unknown) => celToNative(item, conditionsAsMaps);
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (typeof value === 'number' || value instanceof Uint8Array || isUnsigned(value)) return value;
  if (value instanceof Optional) return value.hasValue() ? recurse(value.value()) : null;
  if (value instanceof KroOmit) return value;
  if (value instanceof KroCondition && conditionsAsMaps) return { type: value.type, status: value.status, reason: value.reason, message: value.message };
  if (value instanceof Date) return rfc3339Seconds(value);
  if (isDuration(value)) return goDuration(value.seconds * 1_000_000_000n + BigInt(value.nanos));
  if (Array.isArray(value)) return value.map(recurse);
  if (value instanceof Map) {
    const entries: [string, unknown][] = [];
    for (const [k, v] of value as Map<unknown, unknown>) {
      if (typeof k !== 'string') throw new CelOutputError(`map key must be string, got ${celTypeName(k)}`);
      entries.push([k, recurse(v)]);
    }
    // fromEntries, not `out[k] =`: a `__proto__` key stays a key.
    return Object.fromEntries(entries);
  }
  if (isPlainRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recurse(v)]));
  throw new CelOutputError(`unsupported type: ${celTypeName(value)}`);
}

/**
 * Whether a CEL result is `optional.none()`: what the compiler emits for a JavaScript `undefined`. A status
 * field holding it is left out (KRO omits it; JavaScript leaves it `undefined`), never written as `null`.
 *
 * @example
 * ```ts
 * isOptionalNone(Optional.none()); // => true
 * ```
 */
export function isOptionalNone(value: unknown): boolean {
  return value instanceof Optional && !value.hasValue();
}

/**
 * A CEL value as JSON: {@link celToNative}, then ints must be exact JavaScript numbers and doubles finite.
 * Bytes are rejected: KRO v0.9.4 would write raw bytes, which is never what a manifest field wants (wrap
 * with `base64.encode`).
 */
export function celToJson(value: unknown): unknown {
  return nativeToJson(celToNative(value));
}

function nativeToJson(value: unknown): unknown {
  if (typeof value === 'bigint') return bigintToNumber(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CelOutputError(`the double ${value} has no JSON form`);
    return value;
  }
  if (isUnsigned(value)) return bigintToNumber(value.value);
  if (value instanceof Uint8Array) throw new CelOutputError('a bytes value cannot be written to a field; wrap it in base64.encode(...)');
  if (value instanceof KroOmit) throw new CelOutputError('omit() removes a template field; it cannot be a whole value');
  // Inside a value, `omit()` removes its map key or list item, as KRO's cleanOmitSentinels does.
  if (Array.isArray(value)) return value.filter((item) => !(item instanceof KroOmit)).map((item: unknown) => nativeToJson(item));
  if (isPlainRecord(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => !(v instanceof KroOmit)).map(([k, v]) => [k, nativeToJson(v)]));
  return value;
}

/**
 * The CEL type name of a value, spelled as cel-go's `Type().TypeName()` spells it (`int`, `list`,
 * `google.protobuf.Timestamp`, `optional_type`, ...).
 */
export function celTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null_type';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
  }
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value) || value instanceof Set) return 'list';
  if (value instanceof Map || isPlainRecord(value)) return 'map';
  if (value instanceof Date) return 'google.protobuf.Timestamp';
  if (value instanceof Optional) return 'optional_type';
  if (isDuration(value)) return 'google.protobuf.Duration';
  if (isUnsigned(value)) return 'uint';
  const ctor = (value as { constructor?: { name?: string; celTypeName?: string } }).constructor;
  if (ctor?.celTypeName) return ctor.celTypeName;
  if (ctor?.name === 'Type') return 'type';
  return ctor?.name ?? typeof value;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function rfc3339Seconds(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

function bigintToNumber(value: bigint): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) throw new CelOutputError(`the int ${value} is beyond JavaScript's exact integer range`);
  return Number(value);
}

function isDuration(value: unknown): value is { seconds: bigint; nanos: number } {
  return typeof value === 'object' && value !== null && value.constructor?.name === 'Duration' && typeof (value as { seconds?: unknown }).seconds === 'bigint';
}

function isUnsigned(value: unknown): value is { value: bigint } {
  return typeof value === 'object' && value !== null && value.constructor?.name === 'UnsignedInt';
}

/** Go's `time.Duration.String()`: `1h0m0s`, `1.5s`, `300ms`, `0s`. */
export function goDuration(totalNanos: bigint): string {
  if (totalNanos === 0n) return '0s';
  const sign = totalNanos < 0n ? '-' : '';
  const nanos = totalNanos < 0n ? -totalNanos : totalNanos;
  if (nanos < 1_000_000_000n) {
    const [unit, size] = nanos < 1_000n ? ['ns', 1n] : nanos < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    return `${sign}${fraction(nanos, size)}${unit}`;
  }
  const hours = nanos / 3_600_000_000_000n;
  const minutes = (nanos / 60_000_000_000n) % 60n;
  const seconds = fraction(nanos % 60_000_000_000n, 1_000_000_000n);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** `value / unit` with the fractional digits Go prints (trailing zeros dropped). */
function fraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return whole.toString();
  const digits = unit.toString().length - 1;
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
