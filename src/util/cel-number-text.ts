/**
 * CEL's `int(text)` and `double(text)` on plain text, as cel-go computes them (Go's `strconv.ParseInt(s, 10, 64)`
 * and `strconv.ParseFloat(s, 64)`), so `Cel.int`/`Cel.double` on plain values (a concrete evaluation, a call
 * outside a composition) give what the cluster gives. They are CEL's parsers, not JavaScript's: `parseInt('12abc')`
 * is 12 and `Number('1_0.5')` NaN, where CEL fails on the first and reads 10.5 from the second.
 */

/** Decimal digits, an underscore allowed only between two of them (Go's `underscoreOK`). */
const DIGITS = String.raw`\d(?:_?\d)*`;
const HEX = String.raw`[0-9a-fA-F](?:_?[0-9a-fA-F])*`;
const DECIMAL = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const HEXADECIMAL = new RegExp(String.raw`^([+-]?)0[xX](?:_?(${HEX})(?:\.(${HEX})?)?|\.(${HEX}))[pP]([+-]?${DIGITS})$`);
const SPECIAL = /^(?:[+-]?(?:inf|infinity)|nan)$/i;
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/**
 * CEL's `int(text)`: an optional sign and decimal digits within int64, or `undefined` where CEL fails.
 *
 * @example
 * [celIntOfText('-42'), celIntOfText('12abc'), celIntOfText(' 42')]; // => [-42, undefined, undefined]
 */
export function celIntOfText(text: string): number | undefined {
  const value = int64OfText(text);
  return value === undefined ? undefined : Number(value);
}

/**
 * The int64 that `text` (an optional sign and decimal digits) spells, or `undefined` for other text or a value
 * out of range: CEL's `int(text)` exactly, and how Kubernetes' JSON decoding tells an int from a double.
 *
 * @example
 * [int64OfText('1152921504606847000'), int64OfText('9223372036854775808'), int64OfText('1e+21')]; // => [1152921504606847000n, undefined, undefined]
 */
export function int64OfText(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64.min || value > INT64.max ? undefined : value;
}

/**
 * CEL's `double(text)`: Go's float syntax (digit separators, `inf`, `nan`, hexadecimal with a `p` exponent), or
 * `undefined` where CEL fails (other text, or a value beyond the double range).
 *
 * @example
 * [celDoubleOfText('1_0.5'), celDoubleOfText('0x1p3'), celDoubleOfText('0x10'), celDoubleOfText(' 1')]; // => [10.5, 8, undefined, undefined]
 */
export function celDoubleOfText(text: string): number | undefined {
  if (SPECIAL.test(text)) return /nan/i.test(text) ? Number.NaN : text.startsWith('-') ? -Infinity : Infinity;
  let value: number | undefined;
  if (DECIMAL.test(text)) value = Number(text.replaceAll('_', ''));
  const hex = HEXADECIMAL.exec(text);
  if (hex) {
    const [, sign, whole = '', fraction = '', onlyFraction = '', exponent = '0'] = hex;
    const digits = (whole + (fraction || onlyFraction)).replaceAll('_', '');
    const mantissa = Number.parseInt(digits, 16) / 16 ** (fraction || onlyFraction).replaceAll('_', '').length;
    value = (sign === '-' ? -1 : 1) * mantissa * 2 ** Number(exponent.replaceAll('_', ''));
  }
  return value === undefined || !Number.isFinite(value) ? undefined : value;
}
