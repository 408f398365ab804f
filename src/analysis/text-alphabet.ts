/**
 * Which characters a string value can hold, as the highest code point it may contain. JavaScript's text is
 * UTF-16 and maps case over all of Unicode; CEL's is code points and `lowerAscii()` maps only ASCII. Some
 * string operations mean the same in both only on narrow text: ASCII for case mapping and `trim()`, the Basic
 * Multilingual Plane (no character above U+FFFF) for positions. The compiler uses what it knows of a value's
 * alphabet (a literal's characters, a spec field's pattern or enumeration, a number made text) to compile them
 * exactly, and refuses them elsewhere.
 */
import { isDeepStrictEqual } from 'node:util';
import { T, type CelType } from '../ir/types.js';
import { highestOf } from '../util/highest-char.js';

/** The highest code point there is: text that may hold any character. */
export const ANY_CHAR = 0x10ffff;
/** The highest ASCII code point. */
export const ASCII = 0x7f;
/** The highest code point of the Basic Multilingual Plane (one UTF-16 unit per character). */
export const BMP = 0xffff;

/**
 * The bounds the compiler's text decisions compare a highest character with: ASCII (case mapping), below U+0085
 * (`trim()`), below U+D800 (order against a wider side) and the Basic Multilingual Plane (order, length,
 * positions). Text compiles alike for every highest character between two of them.
 */
const DECISION_BOUNDS = [ASCII, 0x84, 0xd7ff, BMP] as const;
const CLASS_NAMES = ['ASCII', 'U+0000 to U+0084', 'U+0000 to U+D7FF', 'the Basic Multilingual Plane (U+0000 to U+FFFF)', 'Unicode'] as const;

/**
 * Which of the compiler's alphabet classes text whose highest character is `highest` is in (0: ASCII, up to
 * 4: any character). Code compiled for text of one class is exact on text of the same or a lower class:
 * every decision ({@link DECISION_BOUNDS}) falls the same way.
 *
 * @example
 * ```ts
 * textClass(0x7a); // 0 (ASCII)
 * textClass(0xdf); // 2 ('ß')
 * textClass(ANY_CHAR); // 4
 * ```
 */
export function textClass(highest: number): number {
  const index = DECISION_BOUNDS.findIndex((bound) => highest <= bound);
  return index === -1 ? DECISION_BOUNDS.length : index;
}

/**
 * The characters of a class, for messages (`characters outside ASCII`).
 *
 * @example
 * ```ts
 * textClassName(0); // 'ASCII'
 * ```
 */
export function textClassName(textClassIndex: number): string {
  return CLASS_NAMES[textClassIndex] ?? 'Unicode';
}

/**
 * The highest code point JavaScript's text of a value of `type` may hold: a string's from its values or its
 * schema's pattern, and ASCII for numbers, booleans, Kubernetes timestamps (RFC 3339) and bytes (read as base64).
 *
 * @example
 * ```ts
 * highestChar({ kind: 'string', values: ['dev', 'prod'] }); // 0x76
 * highestChar(T.int); // 0x7f
 * ```
 */
export function highestChar(type: CelType): number {
  if (type.kind === 'string') {
    if (type.values) return Math.max(0, ...type.values.map(highestOf));
    return type.highestChar ?? ANY_CHAR;
  }
  if (type.kind === 'int' || type.kind === 'double' || type.kind === 'bool' || type.kind === 'bytes' || type.kind === 'null') return ASCII;
  if (type.kind === 'timestamp' && type.kubernetesTime) return ASCII;
  return ANY_CHAR;
}

/**
 * The string type of text whose characters are at most `highest`: {@link T.string} when it may hold any.
 *
 * @example
 * ```ts
 * textType(0x7a); // { kind: 'string', highestChar: 0x7a }
 * ```
 */
export function textType(highest: number): CelType {
  return highest >= ANY_CHAR ? T.string : { kind: 'string', highestChar: highest };
}

/** The type of text made of values of `types` (a template, `a + b`, a join): its highest character is theirs. */
export function joinedText(...types: readonly CelType[]): CelType {
  return textType(Math.max(0, ...types.map(highestChar)));
}

/**
 * Two string types that may both be the value (`c ? a : b`, `a ?? b`): the alphabet of either. Undefined
 * when either is no string.
 */
export function eitherText(a: CelType, b: CelType): CelType | undefined {
  return a.kind === 'string' && b.kind === 'string' ? joinedText(a, b) : undefined;
}

/**
 * `a`, the type a join of two value types keeps, widened to `b`'s characters where both are text: a value
 * typed by one side may come from the other (`c ? spec.slug : spec.title`, `{ ...enumMap, ...textMap }`).
 */
export function keepText(a: CelType, b: CelType): CelType {
  if (a.kind !== 'string' || b.kind !== 'string') return a;
  // An enumeration holds only when both sides are that enumeration: a value may come from either.
  if (a.values) return isDeepStrictEqual(a.values, b.values) ? a : joinedText(a, b);
  const highest = Math.max(highestChar(a), highestChar(b));
  return highest === highestChar(a) ? a : textType(highest);
}
