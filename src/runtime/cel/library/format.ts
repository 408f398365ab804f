/**
 * cel-go ext strings `format` (formatting_v2.go, the version KRO's latest `ext.Strings()` uses) and
 * `strings.quote`. Clauses: `%s %d %f %e %b %x %X %o %%`, with an optional `.N` precision for `%f`/`%e`.
 */
import { Optional } from '@marcbachmann/cel-js';
import { celTypeName } from '../convert.js';
import { formatFixedShortest } from './numbers.js';
import { rfc3339Nano } from './timestamp-detail.js';
import { celError } from './register.js';

const DEFAULT_PRECISION = 6;

export function formatString(template: string, args: readonly unknown[]): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < template.length; ) {
    const ch = template[i]!;
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    if (i + 1 >= template.length) throw celError('unexpected end of string');
    if (argIndex >= args.length) throw celError(`index ${argIndex} out of range`);
    let j = i + 1;
    let precision = DEFAULT_PRECISION;
    if (template[j] === '.') {
      const digits = /^\d*/.exec(template.slice(j + 1))![0];
      if (j + 1 + digits.length >= template.length) throw celError('could not parse formatting clause: could not find end of precision specifier');
      precision = Number(digits || '0');
      j += 1 + digits.length;
    }
    const verb = template[j]!;
    out += formatClause(verb, precision, args[argIndex]);
    argIndex++;
    i = j + 1;
  }
  return out;
}

function formatClause(verb: string, precision: number, arg: unknown): string {
  const type = celTypeName(arg);
  const bad = (what: string) => celError(`error during formatting: ${what} clause can only be used on ${type === 'null_type' ? 'null' : type}`);
  switch (verb) {
    case 's':
      return asString(arg);
    case 'd':
      if (typeof arg === 'bigint') return arg.toString();
      if (type === 'uint') return String((arg as { value: bigint }).value);
      if (typeof arg === 'number') return special(arg) ?? formatFixedShortest(arg);
      throw bad('decimal');
    case 'f':
    case 'e': {
      const x = typeof arg === 'number' ? arg : typeof arg === 'bigint' ? Number(arg) : type === 'uint' ? Number((arg as { value: bigint }).value) : undefined;
      if (x === undefined) throw bad(verb === 'f' ? 'fixed-point' : 'scientific');
      const s = special(x);
      if (s) return s;
      return verb === 'f' ? toFixedHalfEven(x, precision) : goExponent(x.toExponential(precision));
    }
    case 'b':
      if (typeof arg === 'boolean') return arg ? '1' : '0';
      return integerText(arg, 2) ?? throwError(bad('binary'));
    case 'o':
      return integerText(arg, 8) ?? throwError(bad('octal'));
    case 'x':
    case 'X': {
      let text = integerText(arg, 16);
      if (text === undefined && typeof arg === 'string') text = Buffer.from(arg, 'utf8').toString('hex');
      if (text === undefined && arg instanceof Uint8Array) text = Buffer.from(arg).toString('hex');
      if (text === undefined) throw bad('hex');
      return verb === 'X' ? text.toUpperCase() : text;
    }
  }
  throw celError(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
}

function throwError(error: Error): never {
  throw error;
}

function integerText(arg: unknown, radix: number): string | undefined {
  if (typeof arg === 'bigint') return arg.toString(radix);
  if (celTypeName(arg) === 'uint') return (arg as { value: bigint }).value.toString(radix);
  return undefined;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return undefined;
}

/**
 * Go's `%.Nf` rounds an exact tie (a double exactly halfway between two N-digit decimals, such as 2.5) to
 * even; JavaScript's `toFixed` rounds it up. Ties are found exactly from the double's binary form.
 */
function toFixedHalfEven(x: number, digits: number): string {
  const fixed = x.toFixed(digits);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const shift = BigInt(1075 - (exponentBits === 0 ? 1 : exponentBits)); // |x| = mantissa / 2^shift
  if (shift <= 0n) return fixed;
  const numerator = mantissa * 10n ** BigInt(digits);
  const denominator = 1n << shift;
  if (2n * (numerator % denominator) !== denominator) return fixed;
  const down = numerator / denominator;
  const rounded = down % 2n === 0n ? down : down + 1n;
  const text = rounded.toString().padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return x < 0 ? `-${body}` : body;
}

/** Go prints at least two exponent digits (`1.5e+03`); JavaScript prints `1.5e+3`. */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** `%s` of any value (appendingFormatterV2.format). */
function asString(arg: unknown): string {
  if (arg === null || arg === undefined) return 'null';
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'boolean' || typeof arg === 'bigint') return String(arg);
  if (typeof arg === 'number') return special(arg) ?? formatFixedShortest(arg);
  if (arg instanceof Uint8Array) return Buffer.from(arg).toString('utf8');
  if (arg instanceof Date) return rfc3339Nano(arg);
  if (Array.isArray(arg)) return `[${arg.map((item: unknown) => asString(item)).join(', ')}]`;
  const type = celTypeName(arg);
  if (type === 'uint') return String((arg as { value: bigint }).value);
  if (type === 'google.protobuf.Duration') {
    const d = arg as { seconds: bigint; nanos: number };
    return `${formatFixedShortest(Number(d.seconds) + d.nanos / 1e9)}s`;
  }
  if (type === 'map') {
    const entries = arg instanceof Map ? [...(arg as Map<unknown, unknown>)] : Object.entries(arg as Record<string, unknown>);
    const formatted = entries.map(([k, v]) => [asString(k), asString(v)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${formatted.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  }
  if (type === 'type') {
    const name = (arg as { name: string }).name;
    return name === 'null' ? 'null_type' : name;
  }
  if (arg instanceof Optional) return throwError(celError(`error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given ${type}`));
  throw celError(`error during formatting: string clause cannot be used on ${type}`);
}

/** cel-go `strings.quote`: Go-style escapes for \a \b \f \n \r \t \v \\ and ", other runes as they are. */
export function quote(s: string): string {
  const escapes: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
  let out = '';
  for (const ch of s) out += escapes[ch] ?? (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff' ? '\ufffd' : ch);
  return `"${out}"`;
}
