/**
 * Kubernetes quantities (`500m`, `1Gi`, `1e3`) as the API server stores them. The API server decodes every
 * field of type `resource.Quantity` and writes it back in its canonical text, so a Deployment applied with
 * cpu `0.5` reads back `500m`, memory `1024Mi` reads back `1Gi`. The rules below restate the behaviour of
 * k8s.io/apimachinery/pkg/api/resource (ParseQuantity, CanonicalizeBytes, Quantity.RoundUp; v0.36), checked
 * against a live kube-apiserver by test/testing/stored-quantities.cluster.test.ts.
 *
 * No npm package gives the canonical form: `@kubernetes/client-node`'s `quantityToScalar` returns a number
 * (binary floating point, so `0.1` is not exact) and has no formatter. Values here are exact: a BigInt
 * mantissa and a power of ten.
 */

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A quantity's value: `mantissa × 10^exponent`, exact. */
interface Value {
  readonly mantissa: bigint;
  readonly exponent: number;
}

/** What the scanner reads: the sign, the integer digits (leading zeros dropped), the fraction digits and the suffix. */
interface Scanned {
  readonly negative: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

const DIGIT = /[0-9]/;
const SUFFIX_LETTER = /[eEinumkKMGTP]/;

/**
 * The API server's scanner: `[+-]` zeros digits `[.digits]` suffix-letters `[+-]` digits. Its quirks are
 * kept on purpose (a lone sign or `.` reads as 0, `1.G` is accepted), since the stored text follows them.
 */
function scan(text: string): Scanned | undefined {
  let pos = 0;
  const negative = text[0] === '-';
  if (text[0] === '-' || text[0] === '+') pos++;
  while (pos < text.length && text[pos] === '0') pos++;
  if (pos >= text.length) return { negative, num: '0', denom: '', suffix: '' };
  let start = pos;
  while (pos < text.length && DIGIT.test(text[pos]!)) pos++;
  const num = text.slice(start, pos) || '0';
  let denom = '';
  if (text[pos] === '.') {
    start = ++pos;
    while (pos < text.length && DIGIT.test(text[pos]!)) pos++;
    denom = text.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < text.length && SUFFIX_LETTER.test(text[pos]!)) pos++;
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (pos < text.length && DIGIT.test(text[pos]!)) pos++;
  if (pos < text.length) return undefined;
  return { negative, num, denom, suffix: text.slice(suffixStart) };
}

const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX = new Map(Object.entries(DECIMAL).map(([suffix, exponent]) => [exponent, suffix]));
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * A suffix's base, exponent and format. An `e`/`E` exponent beyond ±1000 is left to the API server (it would
 * be refused or wrap around in Go's int32; either way not a quantity a manifest means).
 */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } | undefined {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix]!, format: 'DecimalSI' };
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) <= 1000) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

const INT64_MAX = (1n << 63n) - 1n;
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** `value` rounded away from zero to a multiple of `10^exponent` (when it is finer), as inf.RoundUp does. */
function roundUp(value: Value, exponent: number): Value {
  if (value.exponent >= exponent) return value;
  const step = 10n ** BigInt(exponent - value.exponent);
  const magnitude = abs(value.mantissa);
  const rounded = (magnitude + step - 1n) / step;
  return { mantissa: value.mantissa < 0n ? -rounded : rounded, exponent };
}

/** A parsed quantity: its exact value, its format, and the input text when the API server keeps it as given. */
interface Parsed {
  readonly value: Value;
  readonly format: Format;
  /** ParseQuantity keeps the text of a small quantity it judges canonical and writes it back unchanged. */
  readonly kept?: string;
  /** The int64 fast path's scale (the text's own precision); undefined on the arbitrary-precision path. */
  readonly scale?: number;
}

/** ParseQuantity: the value, and whether the text is kept (its fast path and "looks canonical" test). */
function parse(text: string): Parsed | undefined {
  if (text === '') return undefined;
  if (text === '0') return { value: { mantissa: 0n, exponent: 0 }, format: 'DecimalSI', kept: '0', scale: 0 };
  const scanned = scan(text);
  const unit = scanned && interpret(scanned.suffix);
  if (!scanned || !unit) return undefined;
  const { negative, num, denom } = scanned;
  const digits = BigInt(num + denom) * (negative ? -1n : 1n);
  if (unit.base === 10) {
    const scale = unit.exponent - denom.length;
    const value = { mantissa: digits, exponent: scale };
    if (18 - num.length - denom.length >= 0 && scale >= -9) {
      const shifted = num + denom;
      const canonical = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
      return { value, format: unit.format, scale, ...(canonical ? { kept: text } : {}) };
    }
    return slowPath(value, unit.format);
  }
  const scaled = digits << BigInt(unit.exponent);
  const precision = denom.length === 0 ? 15 - num.length - (unit.exponent * 3) / 10 - 1 : -1;
  if (precision >= 0 && abs(scaled) <= INT64_MAX) {
    // Go tests the low bits of the digits written before the suffix: `100Mi` is kept, `1024Mi` is not.
    const kept = (BigInt(num) & 7n) !== 0n;
    return { value: { mantissa: scaled, exponent: 0 }, format: 'BinarySI', scale: 0, ...(kept ? { kept: text } : {}) };
  }
  // A binary fraction: digits × 2^e / 10^len(denom), exact in base ten.
  return slowPath({ mantissa: scaled, exponent: -denom.length }, 'BinarySI');
}

/** The arbitrary-precision path: rounded up to 1n (a request for some resource gets some), binary capped at int64. */
function slowPath(exact: Value, format: Format): Parsed {
  let value = exact.mantissa === 0n ? exact : roundUp(exact, -9);
  if (format === 'BinarySI' && value.exponent >= 0 && abs(value.mantissa) * 10n ** BigInt(value.exponent) > INT64_MAX) {
    value = { mantissa: value.mantissa < 0n ? -INT64_MAX : INT64_MAX, exponent: 0 };
  } else if (format === 'BinarySI' && value.exponent < 0 && abs(value.mantissa) > INT64_MAX * 10n ** BigInt(-value.exponent)) {
    value = { mantissa: value.mantissa < 0n ? -INT64_MAX : INT64_MAX, exponent: 0 };
  }
  return { value, format };
}

/** Trailing zeros of the mantissa moved into the exponent. */
function normalized(value: Value): Value {
  let { mantissa, exponent } = value;
  if (mantissa === 0n) return { mantissa, exponent: 0 };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return { mantissa, exponent };
}

/** The integer value, when it is one. */
function integerOf(value: Value): bigint | undefined {
  const { mantissa, exponent } = normalized(value);
  return exponent >= 0 ? mantissa * 10n ** BigInt(exponent) : undefined;
}

/** CanonicalizeBytes: no fractional digits, the largest suffix that loses nothing. */
function canonical(value: Value, format: Format): string {
  if (value.mantissa === 0n) return '0';
  if (format === 'BinarySI') {
    const integer = integerOf(value);
    if (integer !== undefined && abs(integer) >= 1024n) {
      let amount = integer;
      let power = 0;
      while (amount % 1024n === 0n && power < BINARY_SUFFIX.length - 1) {
        amount /= 1024n;
        power++;
      }
      return `${amount}${BINARY_SUFFIX[power]}`;
    }
  }
  let { mantissa, exponent } = normalized(value);
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Beyond `E` (10^18) the API server has no suffix and writes the digits alone (`1000E` reads back `1`).
  return `${mantissa}${DECIMAL_SUFFIX.get(exponent) ?? ''}`;
}

/**
 * Where a quantity sits: a `ResourceList` entry (container `resources`, a PVC's `resources`, a
 * ResourceQuota's `hard`) is also rounded up to a thousandth (SetDefaults_ResourceList); a lone Quantity
 * field (`emptyDir.sizeLimit`, a `resourceFieldRef.divisor`) is not.
 *
 * @example
 * import { canonicalQuantity, type QuantityField } from 'typekro/testing';
 * const field: QuantityField = 'resource-list';
 * canonicalQuantity('0.0001', field); // => '1m'
 */
export type QuantityField = 'resource-list' | 'quantity';

/**
 * A quantity as the API server stores it: its canonical text (`0.5` is `500m`, `1024Mi` is `1Gi`, `1.5Gi` is
 * `1536Mi`, `1000m` is `1`), a string. A number is read as its JSON text (`0.5`), as server-side apply
 * reads it (stored-form.cluster.test.ts). Text the
 * API server would refuse is returned as it is (the apply fails there, with its message).
 *
 * @example
 * import { canonicalQuantity } from 'typekro/testing';
 * canonicalQuantity('0.5'); // => '500m'
 * canonicalQuantity(2); // => '2'
 * canonicalQuantity('1024Mi'); // => '1Gi'
 * canonicalQuantity('1.5Gi'); // => '1536Mi'
 * canonicalQuantity('1000m'); // => '1'
 * canonicalQuantity('100n'); // => '100n'
 * canonicalQuantity('100n', 'resource-list'); // => '1m'
 */
export function canonicalQuantity(quantity: string | number, field: QuantityField = 'quantity'): string | number {
  if (typeof quantity === 'number' && !Number.isFinite(quantity)) return quantity;
  const text = typeof quantity === 'number' ? JSON.stringify(quantity) : quantity.trim();
  const parsed = parse(text);
  if (!parsed) return quantity;
  if (field === 'resource-list' && (parsed.scale === undefined || parsed.scale < -3)) {
    // Quantity.RoundUp(-3): text with no finer precision than a thousandth keeps its kept form.
    return canonical(roundUp(parsed.value, -3), parsed.format);
  }
  return parsed.kept ?? canonical(parsed.value, parsed.format);
}
