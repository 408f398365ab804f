/**
 * cel-go `ext.Strings` (latest version, as KRO enables it) where cel-js lacks a function or differs:
 * indices count Unicode code points (Go runes), `split`/`replace` follow Go `strings.SplitN`/`Replace`,
 * `trim` is Go `strings.TrimSpace`, case mapping is ASCII only. Built-in names cel-js already uses are
 * reached through the renames in `rules.ts`.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { formatString, quote } from './format.js';
import { celError, registerNamespace, registrar } from './register.js';

export function registerStrings(env: Environment): void {
  const fn = registrar(env);
  // cel-go maps only A-Z / a-z; cel-js's toLowerCase would also fold non-ASCII letters.
  fn('string.kroLowerAscii(): string', (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()));
  fn('string.kroUpperAscii(): string', (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()));
  fn('string.replace(string, string): string', (s: string, from: string, to: string) => replaceN(s, from, to, -1n));
  fn('string.replace(string, string, int): string', (s: string, from: string, to: string, n: bigint) => replaceN(s, from, to, n));
  fn('string.charAt(int): string', (s: string, index: bigint) => charAt(s, index));
  fn('string.reverse(): string', (s: string) => [...s].reverse().join(''));
  fn('string.kroIndexOf(string): int', (s: string, sub: string) => indexOf(s, sub, 0n));
  fn('string.kroIndexOf(string, int): int', (s: string, sub: string, offset: bigint) => indexOf(s, sub, offset));
  fn('string.kroLastIndexOf(string): int', (s: string, sub: string) => lastIndexOf(s, sub));
  fn('string.kroLastIndexOf(string, int): int', (s: string, sub: string, offset: bigint) => lastIndexOfOffset(s, sub, offset));
  fn('string.kroSubstring(int): string', (s: string, start: bigint) => substring(s, start, undefined));
  fn('string.kroSubstring(int, int): string', (s: string, start: bigint, end: bigint) => substring(s, start, end));
  fn('string.kroSplit(string): list<string>', (s: string, sep: string) => splitN(s, sep, -1n));
  fn('string.kroSplit(string, int): list<string>', (s: string, sep: string, n: bigint) => splitN(s, sep, n));
  fn('string.kroTrim(): string', (s: string) => s.replace(GO_SPACE_START, '').replace(GO_SPACE_END, ''));
  fn('string.format(list): string', (s: string, args: readonly unknown[]) => formatString(s, args));
  const strings = registerNamespace(env, 'strings');
  fn(`${strings}.quote(string): string`, (_: unknown, s: string) => quote(s));
}

/** Go `unicode.IsSpace` (what `strings.TrimSpace` trims); JavaScript's `trim` also strips U+FEFF and keeps U+0085. */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_SPACE_START = new RegExp(`^${GO_SPACE}+`);
const GO_SPACE_END = new RegExp(`${GO_SPACE}+$`);

/** Go `strings.Replace(s, old, new, n)`: n < 0 replaces all; an empty `old` matches at every rune boundary. */
export function replaceN(s: string, from: string, to: string, n: bigint): string {
  if (n === 0n) return s;
  const limit = n < 0n ? Number.POSITIVE_INFINITY : Number(n);
  if (from === '') {
    const runes = [...s];
    let out = '';
    let count = 0;
    for (let i = 0; i <= runes.length; i++) {
      if (count < limit) {
        out += to;
        count++;
      }
      out += runes[i] ?? '';
    }
    return out;
  }
  let out = '';
  let rest = s;
  for (let count = 0; count < limit; count++) {
    const at = rest.indexOf(from);
    if (at < 0) break;
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
  }
  return out + rest;
}

/** Go `strings.SplitN`: n == 0 gives no parts, n < 0 all, an empty separator splits into runes. */
function splitN(s: string, sep: string, n: bigint): string[] {
  if (n === 0n) return [];
  const limit = n < 0n ? Number.POSITIVE_INFINITY : Number(n);
  if (sep === '') {
    const runes = [...s];
    if (runes.length <= limit) return runes;
    return [...runes.slice(0, limit - 1), runes.slice(limit - 1).join('')];
  }
  const parts = s.split(sep);
  if (parts.length <= limit) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(sep)];
}

function outOfRange(index: bigint): Error {
  return celError(`index out of range: ${index}`);
}

/** cel-go `charAt`: the rune at `index`; `index == size` gives the empty string. */
function charAt(s: string, index: bigint): string {
  const runes = [...s];
  if (index < 0n || index > BigInt(runes.length)) throw outOfRange(index);
  return runes[Number(index)] ?? '';
}

/**
 * cel-go `indexOfOffset`: rune offsets; a negative offset is an error (also for an empty `sub`), an empty `sub`
 * is found at the offset clamped to the end, another one from the end on gives -1.
 */
function indexOf(s: string, sub: string, offset: bigint): bigint {
  if (offset < 0n) throw outOfRange(offset);
  const runes = [...s];
  if (sub === '') return offset > BigInt(runes.length) ? BigInt(runes.length) : offset;
  const subRunes = [...sub];
  for (let i = Number(offset); i < runes.length - (subRunes.length - 1); i++) {
    if (matchesAt(runes, subRunes, i)) return BigInt(i);
  }
  return -1n;
}

/** cel-go `lastIndexOf` (its length guard compares byte lengths, as Go's `len` does). */
function lastIndexOf(s: string, sub: string): bigint {
  const runes = [...s];
  if (sub === '') return BigInt(runes.length);
  if (Buffer.byteLength(s) < Buffer.byteLength(sub)) return -1n;
  return lastIndexOfOffset(s, sub, BigInt(runes.length - 1));
}

/** cel-go `lastIndexOfOffset`: like `indexOf` for a negative offset and an empty `sub`; -1 from the end on. */
function lastIndexOfOffset(s: string, sub: string, offset: bigint): bigint {
  if (offset < 0n) throw outOfRange(offset);
  const runes = [...s];
  if (sub === '') return offset > BigInt(runes.length) ? BigInt(runes.length) : offset;
  const subRunes = [...sub];
  if (offset >= BigInt(runes.length)) return -1n;
  let start = Number(offset);
  if (start > runes.length - subRunes.length) start = runes.length - subRunes.length;
  for (let i = start; i >= 0; i--) if (matchesAt(runes, subRunes, i)) return BigInt(i);
  return -1n;
}

function matchesAt(runes: readonly string[], sub: readonly string[], at: number): boolean {
  for (let j = 0; j < sub.length; j++) if (runes[at + j] !== sub[j]) return false;
  return true;
}

/** cel-go `substr`/`substrRange`: rune indices, errors outside [0, size] and for start > end. */
function substring(s: string, start: bigint, end: bigint | undefined): string {
  const runes = [...s];
  const size = BigInt(runes.length);
  if (end !== undefined && start > end) throw celError(`invalid substring range. start: ${start}, end: ${end}`);
  if (start < 0n || start > size) throw outOfRange(start);
  if (end !== undefined && (end < 0n || end > size)) throw outOfRange(end);
  return runes.slice(Number(start), end === undefined ? undefined : Number(end)).join('');
}
