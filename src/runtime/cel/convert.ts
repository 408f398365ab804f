/**
 * KRO's value conversions around CEL (kro-facts §5). In: JSON data becomes CEL-native values, with the
 * schema deciding int vs double (cel-js reads a JS `number` as double, a `bigint` as int). Out: CEL values
 * become JSON again the way `pkg/cel/conversion GoNativeType` does it (cel-output.ts, re-exported here).
 */
import type { OpenApiSchema } from '../../ir/openapi.js';
import { Duration } from '@marcbachmann/cel-js/evaluator';
import type { SchemaNode } from '../../ir/schema.js';
import { isPlainObject } from '../../util/json.js';
import { parseGoDuration, parseRfc3339 } from './library/time.js';
import { plainIfStringKeys } from './library/comprehensions.js';
import { withArticle } from '../../util/article.js';
import { int64OfText } from '../../util/cel-number-text.js';

export { celToJson, celToNative, CelOutputError, celTypeName, goDuration, isOptionalNone } from './cel-output.js';

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
 * An object as the API server returns it: a number is an int where its JSON text is an int64, as Kubernetes'
 * unstructured decoding reads a JSON number (`json.Number`'s `Int64()`, else `Float64()`), and a double
 * otherwise. JavaScript writes a number's JSON text as `String(x)` does, so 2**60 is the int
 * 1152921504606847000 (not 2**60's exact digits) and 1e21 (`1e+21`) a double. (KRO types fields from
 * `/openapi/v3`, so a whole value in a `number` field would be a double there; such fields are rare in practice.)
 */
export function jsonToCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? int64OfText(String(value)) ?? value : value;
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
 * `__proto__` key: a map with either key is a `Map`, any other a plain object ({@link plainIfStringKeys}).
 */
function celMap(entries: readonly (readonly [string, unknown])[]): unknown {
  return plainIfStringKeys(new Map(entries));
}
