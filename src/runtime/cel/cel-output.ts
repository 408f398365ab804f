/**
 * CEL results back out of the engine: as native values (maps, lists, Go's time and duration text), as JSON (a
 * result with no JSON form is a CelOutputError), and the CEL type name of a value for messages.
 */
import { Optional } from '@marcbachmann/cel-js';
import { TypeKroError } from '../../util/errors.js';
import { KroCondition, KroOmit } from './library/kro.js';

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
    // JSON has no -0: what the API server gets (JSON.stringify writes 0) and KRO's status holds is 0, as
    // evaluateConcrete says; kept, it showed as `-0` in YAML beside `0` in JSON (trial 18 F5).
    return Object.is(value, -0) ? 0 : value;
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
