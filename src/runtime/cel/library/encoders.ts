/**
 * Encoders and kro's data functions: cel-go `ext.Encoders` (`base64.encode/decode`), kro `json.marshal`
 * (Go `encoding/json` output), `json.unmarshal` (every number a double), `hash.*` (bytes), `random.*`
 * (SHA-256 based, exactly as kro computes them).
 */
import { createHash } from 'node:crypto';
import type { Environment } from '@marcbachmann/cel-js';
import { celToNative } from '../convert.js';
import { KroOmit } from './kro.js';
import { celError, registerNamespace, registrar } from './register.js';

export function registerEncoders(env: Environment): void {
  const fn = registrar(env);
  const base64 = registerNamespace(env, 'base64');
  fn(`${base64}.encode(bytes): string`, (_: unknown, b: Uint8Array) => Buffer.from(b).toString('base64'));
  fn(`${base64}.decode(string): bytes`, (_: unknown, s: string) => decodeBase64(s));
  const json = registerNamespace(env, 'json');
  fn(`${json}.marshal(dyn): string`, (_: unknown, v: unknown) => goJson(v));
  fn(`${json}.unmarshal(string): dyn`, (_: unknown, s: string) => unmarshal(s));
  const hash = registerNamespace(env, 'hash');
  fn(`${hash}.sha256(string): bytes`, (_: unknown, s: string) => digest('sha256', s));
  fn(`${hash}.md5(string): bytes`, (_: unknown, s: string) => digest('md5', s));
  fn(`${hash}.fnv64a(string): bytes`, (_: unknown, s: string) => fnv64a(s));
  const random = registerNamespace(env, 'random');
  fn(`${random}.seededString(int, string): string`, (_: unknown, n: bigint, seed: string) => seededString(n, seed));
  fn(`${random}.seededInt(int, int, string): int`, (_: unknown, min: bigint, max: bigint, seed: string) => seededInt(min, max, seed));
  // cel-go orders bytes lexicographically; cel-js has no ordering for them.
  const order = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b);
  env.registerOperator('bytes < bytes', (a: Uint8Array, b: Uint8Array) => order(a, b) < 0);
  env.registerOperator('bytes <= bytes', (a: Uint8Array, b: Uint8Array) => order(a, b) <= 0);
  env.registerOperator('bytes > bytes', (a: Uint8Array, b: Uint8Array) => order(a, b) > 0);
  env.registerOperator('bytes >= bytes', (a: Uint8Array, b: Uint8Array) => order(a, b) >= 0);
}

/** cel-go tries standard padding first, then unpadded. */
function decodeBase64(s: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || (s.includes('=') && s.length % 4 !== 0) || s.length % 4 === 1) {
    throw celError(`illegal base64 data in ${JSON.stringify(s)}`);
  }
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/**
 * kro `json.marshal`: the value through KRO's output conversion (`GoNativeType`: timestamps and durations
 * become their text, optional none null, non-string map keys an error), then Go `encoding/json`: sorted
 * keys, `<>&` and U+2028/9 escaped, ints exact, bytes as base64, `omit()` as `{}`.
 */
export function goJson(value: unknown): string {
  let native: unknown;
  try {
    native = celToNative(value, false);
  } catch (error) {
    throw celError(`json.marshal failed to convert value: ${(error as Error).message}`);
  }
  return marshalNative(native);
}

function marshalNative(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw celError(`json.marshal failed to encode value: json: unsupported value: ${goFloat(value)}`);
    // Go and JavaScript agree on the digits and on where exponents start (1e-7, 1e+21); Go keeps -0.
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (typeof value === 'string') return goString(value);
  if (value instanceof Uint8Array) return goString(Buffer.from(value).toString('base64'));
  if (value instanceof KroOmit) return '{}';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => marshalNative(item)).join(',')}]`;
  if (typeof value === 'object' && (value as { constructor?: { name?: string } }).constructor?.name === 'UnsignedInt') return String((value as { value: bigint }).value);
  const entries = Object.entries(value as Record<string, unknown>);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goString(k)}:${marshalNative(v)}`).join(',')}}`;
}

function goFloat(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Go's string encoding: JSON.stringify's escapes plus `<`, `>`, `&`, U+2028, U+2029; lone surrogates become U+FFFD. */
function goString(s: string): string {
  return JSON.stringify(s.replace(LONE_SURROGATE, '\ufffd')).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** kro `json.unmarshal`: Go `encoding/json` into `interface{}`, so every number is a double; out-of-range numbers fail. */
function unmarshal(s: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(s) as unknown;
  } catch (error) {
    throw celError(`json.unmarshal failed to parse JSON: ${(error as Error).message}`);
  }
  if (!finiteNumbers(value)) throw celError('json.unmarshal failed to parse JSON: json: cannot unmarshal number into Go value of type float64');
  return value;
}

function finiteNumbers(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item: unknown) => finiteNumbers(item));
  if (typeof value === 'object' && value !== null) return Object.values(value).every((item: unknown) => finiteNumbers(item));
  return true;
}

function digest(algorithm: 'sha256' | 'md5', s: string): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(s, 'utf8').digest());
}

function fnv64a(s: string): Uint8Array {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(s, 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(h);
  return new Uint8Array(out);
}

const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz';

/** kro `random.seededString`: 4 hash bytes per character, so the text repeats every 8 characters. */
export function seededString(n: bigint, seed: string): string {
  if (n <= 0n) throw celError('random.seededString length must be positive');
  const hash = createHash('sha256').update(seed, 'utf8').digest();
  let out = '';
  for (let i = 0; i < Number(n); i++) out += ALPHANUMERIC[hash.readUInt32BE((i * 4) % 32) % ALPHANUMERIC.length];
  return out;
}

/** kro `random.seededInt`: the first 8 hash bytes as uint64, modulo the range. */
export function seededInt(min: bigint, max: bigint, seed: string): bigint {
  if (min >= max) throw celError('random.seededInt min must be less than max');
  const v = createHash('sha256').update(seed, 'utf8').digest().readBigUInt64BE(0);
  return min + BigInt.asIntN(64, v % BigInt.asUintN(64, max - min));
}
