/**
 * Kubernetes `Quantity` (k8s.io/apiserver/pkg/cel/library/quantity.go over apimachinery's
 * `resource.Quantity`): `quantity`, `isQuantity`, `sign`, `isGreaterThan`, `isLessThan`, `compareTo`,
 * `add`, `sub`, `asInteger`, `isInteger`, `asApproximateFloat`, following apimachinery's representation
 * (an int64 amount with a decimal scale, or inf.Dec when that overflows or is too precise) because
 * `asInteger` and `asApproximateFloat` depend on it. Parsing follows `ParseQuantity`: sign, digits,
 * optional fraction, one suffix (`n u m k M G T P E`, `Ki … Ei`, or `e±N`), precision below 1n rounded
 * up, binary-suffixed magnitudes capped at 2^63-1.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';

/**
 * `value` × 10^`scale`. `dec` marks apimachinery's arbitrary-precision form (inf.Dec), which it falls back
 * to when the int64 form cannot hold a value; `AsInt64` (so `asInteger`/`isInteger`) never succeeds on it.
 */
export class KroQuantity {
  static readonly celTypeName = 'kubernetes.Quantity';
  constructor(
    readonly value: bigint,
    readonly scale: number,
    readonly dec = false,
  ) {}
}

const Q = 'kubernetes.Quantity';
const DECIMAL: Readonly<Record<string, number>> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const FORMAT = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/;

export function registerQuantity(env: Environment): void {
  const fn = registrar(env);
  env.registerType(Q, KroQuantity);
  fn(`quantity(string): ${Q}`, (s: string) => parseQuantity(s));
  fn('isQuantity(string): bool', (s: string) => {
    try {
      parseQuantity(s);
      return true;
    } catch {
      return false;
    }
  });
  fn(`sign(${Q}): int`, (q: KroQuantity) => BigInt(Math.sign(Number(q.value))));
  fn(`${Q}.isGreaterThan(${Q}): bool`, (a: KroQuantity, b: KroQuantity) => compare(a, b) > 0);
  fn(`${Q}.isLessThan(${Q}): bool`, (a: KroQuantity, b: KroQuantity) => compare(a, b) < 0);
  fn(`${Q}.compareTo(${Q}): int`, (a: KroQuantity, b: KroQuantity) => BigInt(compare(a, b)));
  fn(`${Q}.add(${Q}): ${Q}`, (a: KroQuantity, b: KroQuantity) => add(a, b, 1n));
  fn(`${Q}.add(int): ${Q}`, (a: KroQuantity, b: bigint) => add(a, new KroQuantity(b, 0), 1n));
  fn(`${Q}.sub(${Q}): ${Q}`, (a: KroQuantity, b: KroQuantity) => add(a, b, -1n));
  fn(`${Q}.sub(int): ${Q}`, (a: KroQuantity, b: bigint) => add(a, new KroQuantity(b, 0), -1n));
  fn(`${Q}.asInteger(): int`, (q: KroQuantity) => {
    const v = asInt64(q);
    if (v === undefined) throw celError('cannot convert value to integer');
    return v;
  });
  fn(`${Q}.isInteger(): bool`, (q: KroQuantity) => asInt64(q) !== undefined);
  // apimachinery AsApproximateFloat64: float64(value) * math.Pow10(scale).
  fn(`${Q}.asApproximateFloat(): double`, (q: KroQuantity) => (q.scale === 0 ? Number(q.value) : Number(q.value) * Number(`1e${q.scale}`)));
  env.registerOperator(`${Q} == ${Q}`, (a: KroQuantity, b: KroQuantity) => compare(a, b) === 0);
}

/** apimachinery `ParseQuantity`: the int64 fast path when the digits fit, else the inf.Dec path. */
export function parseQuantity(s: string): KroQuantity {
  if (s === '0') return new KroQuantity(0n, 0);
  const m = s === '' ? null : FORMAT.exec(s);
  if (!m) throw celError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  const [, sign = '', whole = '', denom = '', suffix = ''] = m;
  const num = whole.replace(/^0+/, '') || '0';
  let exponent10 = 0;
  let exponent2 = 0;
  let binary = false;
  if (suffix in DECIMAL) exponent10 = DECIMAL[suffix]!;
  else if (suffix in BINARY) {
    binary = true;
    exponent2 = BINARY[suffix]!;
  } else if (/^[eE][-+]?\d+$/.test(suffix)) exponent10 = Number(suffix.slice(1));
  else throw celError("unable to parse quantity's suffix");
  const negative = sign === '-';
  const digits = BigInt(`${num}${denom}`);
  // The fast path's precision guard, as ParseQuantity computes it (float32(exponent)*3/10 truncates).
  const precision = binary
    ? denom === ''
      ? 15 - num.length - Math.trunc((exponent2 * 3) / 10) - 1
      : -1
    : 18 - (num.length + denom.length);
  const scale = exponent10 - denom.length;
  if (precision >= 0 && scale >= -9) {
    const value = digits << BigInt(exponent2);
    if (value <= MAX_INT64) return new KroQuantity(negative ? -value : value, scale);
  }
  // inf.Dec path: exact value, magnitude rounded up to nano units; binary-suffixed values capped at 2^63-1.
  if (digits === 0n) return new KroQuantity(0n, scale, true);
  const shift = 9 + scale;
  const exact = digits << BigInt(exponent2);
  let nanos = shift >= 0 ? exact * 10n ** BigInt(shift) : ceilDiv(exact, 10n ** BigInt(-shift));
  if (binary && nanos > MAX_INT64 * 1_000_000_000n) return new KroQuantity(negative ? -MAX_INT64 : MAX_INT64, 0, true);
  if (negative) nanos = -nanos;
  return new KroQuantity(nanos, -9, true);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return a / b + (a % b === 0n ? 0n : 1n);
}

/** Both values at the smaller scale (int64Amount.Add and inf.Dec.Add align them the same way). */
function aligned(a: KroQuantity, b: KroQuantity): [bigint, bigint, number] {
  const scale = Math.min(a.scale, b.scale);
  return [a.value * 10n ** BigInt(a.scale - scale), b.value * 10n ** BigInt(b.scale - scale), scale];
}

function compare(a: KroQuantity, b: KroQuantity): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quantity.Add/Sub: int64Amount arithmetic (a zero operand keeps the other's scale) unless it overflows. */
function add(a: KroQuantity, b: KroQuantity, sign: bigint): KroQuantity {
  const other = new KroQuantity(sign * b.value, b.scale, b.dec);
  if (!a.dec && !other.dec) {
    if (other.value === 0n) return a;
    if (a.value === 0n) return other;
    const [x, y, scale] = aligned(a, other);
    const sum = x + y;
    if (fitsInt64(x) && fitsInt64(y) && fitsInt64(sum)) return new KroQuantity(sum, scale);
  }
  const [x, y, scale] = aligned(a, other);
  return new KroQuantity(x + y, scale, true);
}

function fitsInt64(v: bigint): boolean {
  return v <= MAX_INT64 && v >= MIN_INT64;
}

/** apimachinery `AsInt64`: the exact integer value when there is one that fits int64. */
function asInt64(q: KroQuantity): bigint | undefined {
  // int64Amount.AsInt64 does not reduce factors: a negative scale ("2000m") is never an integer.
  if (q.dec || q.scale < 0) return undefined;
  const v = q.value * 10n ** BigInt(q.scale);
  return fitsInt64(v) ? v : undefined;
}
