/**
 * The differences between the compiled CEL and JavaScript that README.md documents ("Where the CEL
 * differs"): a divergence they explain is what a deploy really does, not a TypeKro bug, so `simulate`
 * reports it as documented instead of throwing. Each explanation is narrow on purpose: it must not hide
 * a real divergence that merely looks alike.
 */

import { exprChildren, type Expr } from '../../ir/expr.js';

const SECTION = 'README.md, "Where the CEL differs"';
const POSITIONS = `${SECTION}: .length and string positions count code points in CEL and UTF-16 code units in JavaScript (a character outside the BMP)`;

/**
 * A status field computed from a resource that does not exist yet: KRO and direct mode evaluate it without
 * that resource (a read of it fails) and leave it out unless CEL's `||`/`&&` decide it from the other side,
 * where JavaScript reads the resource's fields as absent and computes a value (`missing ? a : b` is `b`).
 * @example NOT_CREATED_YET.startsWith('README.md'); // true
 */
export const NOT_CREATED_YET = `${SECTION}: a status field that reads a resource which does not exist yet is pending until it exists, unless || or && decide it from their other side (JavaScript reads the missing resource's fields as absent)`;

/** A character outside the Basic Multilingual Plane (an emoji): one code point, two UTF-16 code units. */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
/** Beyond this JavaScript's numbers are not exact integers, and CEL's int64 ends soon after (2^63). */
const EXACT = 2 ** 53;

/**
 * The README difference that explains a compiled leaf differing from the JavaScript one, or `undefined`.
 * `inputs` are the strings of the spec and the observed objects: an ordering or a length differs only when
 * they hold a character outside the Basic Multilingual Plane.
 * @example documentedDifference('Äb', 'äb'); // 'README.md, "Where the CEL differs": toLowerCase()/toUpperCase() ...'
 */
export function documentedDifference(compiled: unknown, javascript: unknown, inputs: readonly string[] = []): string | undefined {
  const astral = inputs.some((text) => ASTRAL.test(text));
  if (typeof compiled === 'number' && typeof javascript === 'number' && astral) {
    return POSITIONS;
  }
  // An error on the compiled side (the field is left out) where JavaScript computed a number no manifest could hold.
  // Not NaN: a concrete evaluation reports NaN as pending (JSON has none), so a NaN here did not come from one.
  if (compiled === undefined && typeof javascript === 'number' && Math.abs(javascript) >= EXACT) {
    return `${SECTION}: numbers at the edges (an integer overflow beyond 64 bits, an integer division or remainder by zero, an integer beyond ±2^53) are errors in CEL`;
  }
  // A map read with a key from the data that names an inherited member: JavaScript finds the function, CEL nothing.
  if (inputs.some((text) => text in Object.prototype) && typeof compiled === typeof javascript && (typeof compiled === 'boolean' || typeof compiled === 'string')) {
    return `${SECTION}: a map key from the spec or the cluster that names a member every JavaScript object inherits (\`constructor\`, \`toString\`) reads the inherited function in JavaScript and nothing in CEL`;
  }
  return undefined;
}

/**
 * The JavaScript spelling of the CEL functions that count string positions. (`substring` and `charAt` compile
 * only where the text holds no character outside the BMP, and are exact there: analysis/text-refusals.ts.)
 */
const POSITION_CALLS: Readonly<Record<string, string>> = { size: '.length', indexOf: 'indexOf()', lastIndexOf: 'lastIndexOf()' };

/**
 * The README difference that a documented operation inside the compiled expression makes on the value it
 * is applied to here, or `undefined`: a position or `size` of text with a character outside the BMP. (Case
 * mapping, `trim`, `substring`, `charAt`, `split('')` and string order compile only where they are exact,
 * analysis/text-refusals.ts.) `valueOf` evaluates a part of the
 * expression with the instance's variables (`undefined` where it cannot: inside a comprehension, pending).
 * A difference one operation later (`s.length > 2`) is explained only by such an application, never by the
 * look of the result, so a real divergence still fails.
 * @example documentedOperation(E.call('size', [E.path('schema', 'spec', 'name')]), () => 'a😀'); // POSITIONS + ' (here .length of "a😀")'
 */
export function documentedOperation(expr: Expr, valueOf: (part: Expr) => unknown, show: (text: string) => string = JSON.stringify): string | undefined {
  const text = (part: Expr | undefined): string | undefined => {
    if (!part) return undefined;
    const value = valueOf(part);
    return typeof value === 'string' ? value : undefined;
  };
  const here = (difference: string, what: string): string => `${difference} (here ${what})`;
  const visit = (node: Expr): string | undefined => {
    if (node.kind === 'call' && node.fn in POSITION_CALLS) {
      const input = text(node.target ?? (node.fn === 'size' ? node.args[0] : undefined));
      if (input !== undefined && ASTRAL.test(input)) return here(POSITIONS, `${POSITION_CALLS[node.fn]} of ${show(input)}`);
    }
    for (const child of exprChildren(node)) {
      const found = visit(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(expr);
}
