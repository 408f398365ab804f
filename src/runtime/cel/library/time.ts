/**
 * Timestamps as cel-go has them, as far as cel-js's millisecond `Date` allows: `timestamp(string)` with Go's
 * `time.Parse(time.RFC3339, …)` rules and the year 1–9999 range, and the field getters with a time zone
 * argument that is either an IANA name or a numeric offset (`"+05:30"`, `"-02:00"`), as cel-go's
 * `timeZone` accepts. Reached through the renames in `rules.ts`.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { Duration as CelDuration } from '@marcbachmann/cel-js/evaluator';
import { celError, registrar } from './register.js';
import { MAX_MS, MIN_MS, timestampWith } from './timestamp-detail.js';

const TS = 'google.protobuf.Timestamp';
const DUR = 'google.protobuf.Duration';

type Duration = { readonly seconds: bigint; readonly nanos: number };

/** Field getters: [CEL name, internal name, the field of a (zone-shifted) UTC date]. */
const GETTERS: readonly [string, (d: Date) => number][] = [
  ['getFullYear', (d) => d.getUTCFullYear()],
  ['getMonth', (d) => d.getUTCMonth()],
  ['getDate', (d) => d.getUTCDate()],
  ['getDayOfMonth', (d) => d.getUTCDate() - 1],
  ['getDayOfWeek', (d) => d.getUTCDay()],
  ['getDayOfYear', (d) => Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000)],
  ['getHours', (d) => d.getUTCHours()],
  ['getMinutes', (d) => d.getUTCMinutes()],
  ['getSeconds', (d) => d.getUTCSeconds()],
  ['getMilliseconds', (d) => d.getUTCMilliseconds()],
];

/** Duration getters count whole units of the total, truncated toward zero (cel-go `d.Hours()` etc.). */
const DURATION_GETTERS: Readonly<Record<string, bigint>> = {
  getHours: 3_600_000_000_000n,
  getMinutes: 60_000_000_000n,
  getSeconds: 1_000_000_000n,
  getMilliseconds: 1_000_000n,
};

/** Receiver renames for the getters (`t.getHours()` → `t.kroGetHours()`). */
export const TIME_RENAMES: Readonly<Record<string, string>> = Object.fromEntries(GETTERS.map(([name]) => [name, internalName(name)]));

function internalName(name: string): string {
  return `kro${name[0]!.toUpperCase()}${name.slice(1)}`;
}

export function registerTime(env: Environment): void {
  const fn = registrar(env);
  fn(`kroTimestamp(string): ${TS}`, (s: string) => timestampOf(s));
  fn(`kroTimestamp(int): ${TS}`, (seconds: bigint) => inRange(Number(seconds) * 1000));
  fn(`kroTimestamp(${TS}): ${TS}`, (t: Date) => t);
  fn(`kroDuration(string): ${DUR}`, (s: string) => durationOf(parseGoDuration(s)));
  fn(`kroDuration(${DUR}): ${DUR}`, (d: Duration) => d);
  for (const [name, field] of GETTERS) {
    const internal = internalName(name);
    fn(`${TS}.${internal}(): int`, (t: Date) => BigInt(field(t)));
    fn(`${TS}.${internal}(string): int`, (t: Date, zone: string) => BigInt(field(inZone(t, zone))));
    const unit = DURATION_GETTERS[name];
    if (unit) fn(`${DUR}.${internal}(): int`, (d: Duration) => (d.seconds * 1_000_000_000n + BigInt(d.nanos)) / unit);
  }
}

/** cel-js's Duration: seconds and nanos carrying the same sign. */
function durationOf(nanos: bigint): Duration {
  return new CelDuration(nanos / 1_000_000_000n, Number(nanos % 1_000_000_000n));
}

function inRange(ms: number): Date {
  if (!(ms >= MIN_MS && ms <= MAX_MS)) throw celError('timestamp overflow');
  return new Date(ms);
}

/**
 * cel-go (v0.31, KRO v0.9.4) gates `timestamp(string)` with strict RFC 3339 before Go's `time.Parse`: no ','
 * fraction separator, two-digit fields in range (`common/types/timestamp.go` strictRFC3339Pattern).
 */
const STRICT_RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function timestampOf(s: string): Date {
  if (!STRICT_RFC3339.test(s)) throw celError(`invalid RFC 3339 timestamp ${JSON.stringify(s)}`);
  return parseRfc3339(s);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Go `time.Parse(time.RFC3339, s)`: upper-case T and Z, a real calendar date, no leap second; nanoseconds (digits beyond 9 dropped) and the offset kept. */
export function parseRfc3339(s: string): Date {
  const fail = () => celError(`type conversion error from 'string' to '${TS}'`);
  const m = RFC3339.exec(s);
  if (!m) throw fail();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ?? '';
  const zone = m[8]!;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) throw fail();
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(4, 6));
    if (hours > 23 || minutes > 59) throw fail();
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const ms = utc.getTime() - offsetMinutes * 60_000;
  if (!(ms >= MIN_MS && ms <= MAX_MS)) throw fail();
  return timestampWith(new Date(ms), Number(fraction.slice(3, 9).padEnd(6, '0')), offsetMinutes);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The wall-clock time of `t` in `zone`, as a UTC date (read it with the UTC getters). */
function inZone(t: Date, zone: string): Date {
  const colon = zone.indexOf(':');
  if (colon >= 0) {
    // cel-go: "[+-]HH:MM", hours parsed with their sign, minutes added or subtracted by the leading sign.
    const hours = Number.parseInt(zone.slice(0, colon), 10);
    const minutes = Number.parseInt(zone.slice(colon + 1), 10);
    if (!/^[+-]?\d+$/.test(zone.slice(0, colon)) || !/^[+-]?\d+$/.test(zone.slice(colon + 1))) throw celError(`invalid time zone ${JSON.stringify(zone)}`);
    const offset = zone.startsWith('-') ? hours * 60 - minutes : hours * 60 + minutes;
    return new Date(t.getTime() + offset * 60_000);
  }
  if (zone === '' || zone === 'UTC') return t;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(t);
  } catch {
    throw celError(`unknown time zone ${zone}`);
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = new Date(0);
  wall.setUTCFullYear(part('year'), part('month') - 1, part('day'));
  wall.setUTCHours(part('hour'), part('minute'), part('second'), t.getUTCMilliseconds());
  return wall;
}

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NANOS = 2n ** 63n - 1n;

/** Go `time.ParseDuration`: a signed sequence of decimal numbers with units; the total must fit int64 nanoseconds. */
export function parseGoDuration(s: string): bigint {
  const fail = () => celError(`type conversion error from 'string' to '${DUR}'`);
  let rest = s;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw fail();
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw fail();
    const [whole = '', frac = '', unit = ''] = [m[1], m[2], m[3]];
    const scale = UNIT_NANOS[unit]!;
    total += BigInt(whole || '0') * scale + (frac ? (BigInt(frac) * scale) / 10n ** BigInt(frac.length) : 0n);
    if (total > MAX_NANOS) throw fail();
    rest = rest.slice(m[0].length);
  }
  return negative ? -total : total;
}
