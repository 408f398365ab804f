/**
 * Kubernetes `Quantity` (k8s.io/apiserver/pkg/cel/library/quantity.go over apimachinery's
 * `resource.Quantity`): `quantity`, `isQuantity`, `sign`, `isGreaterThan`, `isLessThan`, `compareTo`,
 * `add`, `sub`, `asInteger`, `isInteger`, `asApproximateFloat`. A quantity is kept as apimachinery's
 * int64Amount is, an exact integer `value` times 10^`scale`; parsing follows `ParseQuantity`: sign,
 * digits, optional fraction, one suffix (`n u m k M G T P E`, `Ki … Ei`, or `e±N`), precision below 1n
 * rounded up, magnitude capped at 2^63-1.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';

export class KroQuantity {
  static readonly celTypeName = 'kubernetes.Quantity';
  constructor(
    readonly value: bigint,
    readonly scale: number,
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

export function parseQuantity(s: string): KroQuantity {
  const m = s === '' ? null : FORMAT.exec(s);
  if (!m) throw celError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  const [, sign = '', whole = '', fraction = '', suffix = ''] = m;
  let exponent10: number;
  let exponent2 = 0;
  if (suffix in DECIMAL) exponent10 = DECIMAL[suffix]!;
  else if (suffix in BINARY) {
    exponent10 = 0;
    exponent2 = BINARY[suffix]!;
  } else if (/^[eE][-+]?\d+$/.test(suffix)) exponent10 = Number(suffix.slice(1));
  else throw celError('unable to parse quantity\'s suffix');
  let value = BigInt(`${whole}${fraction}` || '0') << BigInt(exponent2);
  let scale = exponent10 - fraction.length;
  if (scale < -9) {
    // Precision below a nano-unit is rounded up, "so that asking for some resources gets some".
    const divisor = 10n ** BigInt(-9 - scale);
    value = value / divisor + (value % divisor === 0n ? 0n : 1n);
    scale = -9;
  }
  if (value * 10n ** BigInt(Math.max(scale, 0)) > MAX_INT64 * 10n ** BigInt(Math.max(-scale, 0))) {
    value = MAX_INT64;
    scale = 0;
  }
  return new KroQuantity(sign === '-' ? -value : value, scale);
}

/** Both values at the smaller scale (int64Amount.Add aligns them the same way). */
function aligned(a: KroQuantity, b: KroQuantity): [bigint, bigint, number] {
  const scale = Math.min(a.scale, b.scale);
  return [a.value * 10n ** BigInt(a.scale - scale), b.value * 10n ** BigInt(b.scale - scale), scale];
}

function compare(a: KroQuantity, b: KroQuantity): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function add(a: KroQuantity, b: KroQuantity, sign: bigint): KroQuantity {
  const [x, y, scale] = aligned(a, b);
  return new KroQuantity(x + sign * y, scale);
}

/** apimachinery `AsInt64`: the exact integer value when there is one that fits int64. */
function asInt64(q: KroQuantity): bigint | undefined {
  let v: bigint;
  if (q.scale >= 0) v = q.value * 10n ** BigInt(q.scale);
  else {
    const divisor = 10n ** BigInt(-q.scale);
    if (q.value % divisor !== 0n) return undefined;
    v = q.value / divisor;
  }
  return v > MAX_INT64 || v < MIN_INT64 ? undefined : v;
}
