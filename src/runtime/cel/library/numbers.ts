/**
 * cel-go's numeric operators and conversions where cel-js differs: int64 overflow on `-MIN`, `MIN / -1`,
 * `MIN % -1` and `int(double)`; `string(double)` formatted like Go's `%g`; `double(string)` with Go's
 * `strconv.ParseFloat` syntax; `string(bytes)` rejecting invalid UTF-8; `int`/`string` of timestamps and
 * durations. Programs reach these through the renames in `rules.ts`.
 */
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import type { Environment } from '@marcbachmann/cel-js';
import { safeInt } from './int-range.js';
import { celError, registrar } from './register.js';
import { rfc3339Nano } from './timestamp-detail.js';

const MAX_INT = 2n ** 63n - 1n;
const MIN_INT = -(2n ** 63n);
const TS = 'google.protobuf.Timestamp';
const DUR = 'google.protobuf.Duration';

type Uint = InstanceType<typeof UnsignedInt>;
type Duration = { readonly seconds: bigint; readonly nanos: number };

export function registerNumbers(env: Environment): void {
  const fn = registrar(env);
  fn('kroNeg(int): int', (a: bigint) => safeInt(checkedInt(-a), () => `-${a}`));
  fn('kroNeg(double): double', (a: number) => -a);
  fn('kroDiv(int, int): int', (a: bigint, b: bigint) => {
    if (b === 0n) throw celError('division by zero');
    return safeInt(checkedInt(a / b), () => `${a} / ${b}`, [a, b]);
  });
  fn('kroDiv(uint, uint): uint', (a: Uint, b: Uint) => {
    if (b.value === 0n) throw celError('division by zero');
    return new UnsignedInt(a.value / b.value);
  });
  fn('kroDiv(double, double): double', (a: number, b: number) => a / b);
  fn('kroMod(int, int): int', (a: bigint, b: bigint) => {
    if (b === 0n) throw celError('modulus by zero');
    if (a === MIN_INT && b === -1n) throw celError('integer overflow');
    return safeInt(a % b, () => `${a} % ${b}`);
  });
  fn('kroMod(uint, uint): uint', (a: Uint, b: Uint) => {
    if (b.value === 0n) throw celError('modulus by zero');
    return new UnsignedInt(a.value % b.value);
  });

  fn('kroInt(int): int', (a: bigint) => a);
  fn('kroInt(uint): int', (a: Uint) => checkedInt(a.value));
  fn('kroInt(double): int', (a: number) => doubleToInt(a));
  fn('kroInt(string): int', (s: string) => parseGoInt(s));
  fn(`kroInt(${TS}): int`, (t: Date) => BigInt(Math.floor(t.getTime() / 1000)));
  fn(`kroInt(${DUR}): int`, (d: Duration) => d.seconds * 1_000_000_000n + BigInt(d.nanos));

  fn('kroDouble(double): double', (a: number) => a);
  fn('kroDouble(int): double', (a: bigint) => Number(a));
  fn('kroDouble(uint): double', (a: Uint) => Number(a.value));
  fn('kroDouble(string): double', (s: string) => parseGoFloat(s));

  fn('kroString(string): string', (s: string) => s);
  fn('kroString(bool): string', (b: boolean) => String(b));
  fn('kroString(int): string', (a: bigint) => a.toString());
  fn('kroString(uint): string', (a: Uint) => a.value.toString());
  fn('kroString(double): string', (a: number) => formatGoG(a));
  fn('kroString(bytes): string', (b: Uint8Array) => utf8(b));
  fn(`kroString(${TS}): string`, (t: Date) => rfc3339Nano(t));
  fn(`kroString(${DUR}): string`, (d: Duration) => `${formatFixedShortest(Number(d.seconds) + d.nanos / 1e9)}s`);
}

function checkedInt(v: bigint): bigint {
  if (v > MAX_INT || v < MIN_INT) throw celError('integer overflow');
  return v;
}

/** cel-go `doubleToInt64Checked`: NaN, infinities and values at or beyond ±2^63 overflow; truncates. */
function doubleToInt(v: number): bigint {
  if (!Number.isFinite(v) || v <= -(2 ** 63) || v >= 2 ** 63) throw celError('integer overflow');
  return BigInt(Math.trunc(v));
}

/** Go `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits only. */
function parseGoInt(s: string): bigint {
  if (!/^[+-]?\d+$/.test(s)) throw celError(`type conversion error from 'string' to 'int'`);
  return checkedIntConversion(BigInt(s));
}

function checkedIntConversion(v: bigint): bigint {
  if (v > MAX_INT || v < MIN_INT) throw celError(`type conversion error from 'string' to 'int'`);
  return v;
}

const DIGITS = String.raw`\d(?:_?\d)*`;
const HEX_DIGITS = String.raw`[0-9a-fA-F](?:_?[0-9a-fA-F])*`;
const DECIMAL = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const HEX = new RegExp(String.raw`^[+-]?0[xX](?:_?(?:${HEX_DIGITS}(?:\.(?:${HEX_DIGITS})?)?|\.${HEX_DIGITS}))[pP][+-]?${DIGITS}$`);
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** Go `strconv.ParseFloat(s, 64)` syntax (underscores between digits, hex with `p` exponent, inf/nan); out of range is an error. */
export function parseGoFloat(s: string): number {
  const fail = () => celError(`type conversion error from 'string' to 'double'`);
  if (SPECIAL.test(s)) return s.replace(/^[+-]/, '').toLowerCase() === 'nan' ? Number.NaN : s.startsWith('-') ? -Infinity : Infinity;
  let value: number;
  if (DECIMAL.test(s)) value = Number(s.replace(/_/g, ''));
  else if (HEX.test(s)) value = parseHexFloat(s.replace(/_/g, ''));
  else throw fail();
  if (!Number.isFinite(value)) throw fail();
  return value;
}

function parseHexFloat(s: string): number {
  const match = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s)!;
  const [, sign, whole = '', frac = '', exp = '0'] = match;
  const mantissa = Number.parseInt(`${whole}${frac}` || '0', 16);
  const value = mantissa * 2 ** (Number(exp) - 4 * frac.length);
  return sign === '-' ? -value : value;
}

/** Go `fmt.Sprintf("%g", x)`, as cel-go's `string(double)`: shortest digits, exponent form (`1e+06`) when the decimal exponent is < -4 or ≥ 6. */
export function formatGoG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa = '', exponentText = '0'] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  // strconv 'g' with the shortest precision switches to %e when exp < -4 || exp >= 6.
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(x);
}

/** Go `strconv.FormatFloat(x, 'f', -1, 64)`: shortest digits, never an exponent. */
export function formatFixedShortest(x: number): string {
  if (Object.is(x, -0)) return '-0';
  const text = String(x);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', first = '', rest = '', exponentText = '0'] = match;
  const digits = first + rest;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw celError('invalid UTF-8 in bytes, cannot convert to string');
  }
}
