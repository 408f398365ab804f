/**
 * cel-go `ext.Strings` functions cel-js lacks or gets wrong. Indices count Unicode code points, as cel-go
 * counts runes.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';

/**
 * Built-in receiver functions cel-js implements differently from cel-go. Programs are rewritten to call
 * these names instead (see `engine.ts`), since cel-js does not allow overriding a built-in overload.
 */
export const STRING_RENAMES: Readonly<Record<string, string>> = {
  lowerAscii: 'kroLowerAscii',
  upperAscii: 'kroUpperAscii',
};

export function registerStrings(env: Environment): void {
  const fn = registrar(env);
  // cel-go maps only A-Z / a-z; cel-js's toLowerCase would also fold non-ASCII letters.
  fn('string.kroLowerAscii(): string', (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()));
  fn('string.kroUpperAscii(): string', (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()));
  fn('string.replace(string, string): string', (s: string, from: string, to: string) => replaceN(s, from, to, -1n));
  fn('string.replace(string, string, int): string', (s: string, from: string, to: string, n: bigint) => replaceN(s, from, to, n));
  fn('string.charAt(int): string', (s: string, index: bigint) => charAt(s, index));
  fn('string.reverse(): string', (s: string) => [...s].reverse().join(''));
}

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

/** cel-go `charAt`: the rune at `index`; `index == size` gives the empty string. */
function charAt(s: string, index: bigint): string {
  const runes = [...s];
  if (index < 0n || index > BigInt(runes.length)) throw celError(`index out of range: ${index}`);
  return runes[Number(index)] ?? '';
}
