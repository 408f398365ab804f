/**
 * KRO's value conversions around CEL (kro-facts §5). In: JSON data becomes CEL-native values, with the
 * schema deciding int vs double (cel-js reads a JS `number` as double, a `bigint` as int). Out: CEL values
 * become JSON again the way `pkg/cel/conversion GoNativeType` does it.
 */
import { Optional } from '@marcbachmann/cel-js';
import type { SchemaNode } from '../../ir/schema.js';
import { isPlainObject } from '../../util/json.js';

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

function mapValues(object: Record<string, unknown>, fn: (value: unknown, key: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = fn(value, key);
  return out;
}

/** A CEL result that has no JSON form (bytes, NaN, an int beyond 2^53). */
export class CelOutputError extends Error {
  override readonly name = 'CelOutputError';
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A CEL value as JSON: int → number (must be exact), optional none → null, timestamp → RFC 3339 UTC in
 * whole seconds, duration → Go duration text (`1h0m0s`). Bytes are rejected: KRO v0.9.3 would write raw
 * bytes, which is never what a manifest field wants (wrap with `base64.encode`).
 */
export function celToJson(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return bigintToNumber(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CelOutputError(`the double ${value} has no JSON form`);
    return value;
  }
  if (value instanceof Optional) return value.hasValue() ? celToJson(value.value()) : null;
  if (value instanceof Uint8Array) throw new CelOutputError('a bytes value cannot be written to a field; wrap it in base64.encode(...)');
  if (value instanceof Date) return value.toISOString().replace(/\.\d+Z$/, 'Z');
  if (Array.isArray(value) || value instanceof Set) return [...value].map((item: unknown) => celToJson(item));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]: [unknown, unknown]) => [String(k), celToJson(v)]));
  if (isDuration(value)) return goDuration(value.seconds * 1_000_000_000n + BigInt(value.nanos));
  if (isUnsigned(value)) return bigintToNumber(value.value);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, celToJson(v)]));
  throw new CelOutputError(`unsupported CEL value of type ${typeof value}`);
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
