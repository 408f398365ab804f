/**
 * What cel-js's millisecond `Date` cannot hold of a cel-go timestamp (trial 7 V23): the nanoseconds below
 * the millisecond and the offset the RFC 3339 text was written with. cel-go keeps both (a Go `time.Time`):
 * `string(ts)` prints them (`…00.123456Z`, `…10:00:00+05:30`), `==`/`<` and `ts - ts` use the nanoseconds,
 * `ts + duration` keeps the offset. A timestamp parsed here carries them on the `Date` itself (a symbol
 * property: cel-js tells types apart by constructor, so it must stay a plain `Date`); the operators read them
 * through the rewrites (rewrite.ts). Dates cel-js makes by itself have neither, as before.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { Duration } from '@marcbachmann/cel-js/evaluator';

interface Detail {
  /** Nanoseconds below the millisecond, 0 to 999999. */
  readonly nanos: number;
  /** The offset east of UTC the text was written with, in minutes (`+05:30` is 330). */
  readonly offsetMinutes: number;
}

const DETAIL = Symbol('typekro.cel.timestampDetail');
const NONE: Detail = Object.freeze({ nanos: 0, offsetMinutes: 0 });
/** Milliseconds of 0001-01-01T00:00:00Z and of 9999-12-31T23:59:59.999Z, cel-go's timestamp range. */
export const MIN_MS = new Date('0001-01-01T00:00:00Z').getTime();
export const MAX_MS = new Date('9999-12-31T23:59:59.999Z').getTime();
const MAX_DURATION = 2n ** 63n - 1n;

/** register.ts's `celError` (this module is below it: register.ts orders timestamps with it). */
function overflow(what: string): EvaluationError {
  return new EvaluationError({ code: 'function_error', message: `${what} overflow` });
}

/** `date` carrying `nanos` below its millisecond and the offset it was written with. */
export function timestampWith(date: Date, nanos: number, offsetMinutes: number): Date {
  if (nanos !== 0 || offsetMinutes !== 0) Object.defineProperty(date, DETAIL, { value: Object.freeze({ nanos, offsetMinutes }) });
  return date;
}

function detailOf(t: Date): Detail {
  return (t as Date & { [DETAIL]?: Detail })[DETAIL] ?? NONE;
}

/** Nanoseconds since the epoch, exact. */
function totalNanos(t: Date): bigint {
  return BigInt(t.getTime()) * 1_000_000n + BigInt(detailOf(t).nanos);
}

/** The timestamp `nanos` after the epoch in `offsetMinutes`; cel-go's range is years 1 to 9999. */
function fromNanos(nanos: bigint, offsetMinutes: number): Date {
  const ms = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
  if (ms < BigInt(MIN_MS) || ms > BigInt(MAX_MS)) throw overflow('timestamp');
  return timestampWith(new Date(Number(ms)), Number(nanos - ms * 1_000_000n), offsetMinutes);
}

/** cel-go's order of two timestamps, to the nanosecond. */
export function compareTimestamps(a: Date, b: Date): number {
  const d = totalNanos(a) - totalNanos(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Go `t.Format(time.RFC3339Nano)`: in the offset it was written with, the fraction to the nanosecond without trailing zeros. */
export function rfc3339Nano(t: Date): string {
  const { nanos, offsetMinutes } = detailOf(t);
  const wall = new Date(t.getTime() + offsetMinutes * 60_000);
  const fraction = `${String(wall.getUTCMilliseconds()).padStart(3, '0')}${String(nanos).padStart(6, '0')}`.replace(/0+$/, '');
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${wall.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}${zone}`;
}

function isDuration(value: unknown): value is Duration {
  return value instanceof Duration;
}

function durationNanos(d: Duration): bigint {
  return d.seconds * 1_000_000_000n + BigInt(d.nanos);
}

/**
 * cel-go's `ts + d`, `d + ts`, `ts - d` and `ts - ts` (`op` is `+` or `-`), exact to the nanosecond and
 * keeping the offset; `undefined` for operands that are not these (cel-js's own overloads answer).
 */
export function timestampArithmetic(op: string, left: unknown, right: unknown): unknown {
  if (left instanceof Date && isDuration(right)) {
    const nanos = totalNanos(left) + (op === '+' ? durationNanos(right) : -durationNanos(right));
    return fromNanos(nanos, detailOf(left).offsetMinutes);
  }
  if (op === '+' && isDuration(left) && right instanceof Date) return fromNanos(totalNanos(right) + durationNanos(left), detailOf(right).offsetMinutes);
  if (op === '-' && left instanceof Date && right instanceof Date) {
    const nanos = totalNanos(left) - totalNanos(right);
    if (nanos > MAX_DURATION || nanos < -MAX_DURATION - 1n) throw overflow('integer');
    return new Duration(nanos / 1_000_000_000n, Number(nanos % 1_000_000_000n));
  }
  return undefined;
}
