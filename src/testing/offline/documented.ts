/**
 * The differences between the compiled CEL and JavaScript that README.md documents ("Where the CEL
 * differs"): a divergence they explain is what a deploy really does, not a TypeKro bug, so `simulate`
 * reports it as documented instead of throwing. Each explanation is narrow on purpose: it must not hide
 * a real divergence that merely looks alike.
 */

const SECTION = 'README.md, "Where the CEL differs"';

/**
 * A status field computed from a resource that does not exist yet: KRO and direct mode evaluate it without
 * that resource (a read of it fails) and leave it out unless CEL's `||`/`&&` decide it from the other side,
 * where JavaScript reads the resource's fields as absent and computes a value (`missing ? a : b` is `b`).
 * @example NOT_CREATED_YET.startsWith('README.md'); // true
 */
export const NOT_CREATED_YET = `${SECTION}: a status field that reads a resource which does not exist yet is pending until it exists, unless || or && decide it from their other side (JavaScript reads the missing resource's fields as absent)`;

/**
 * A status field TypeKro's engine refuses because an int operation left JavaScript's safe range
 * (runtime/cel/library/int-range.ts): the deploy fails naming it, in both modes, where JavaScript computed a
 * rounded value (or the same one, by luck of the operands).
 * @example INT_RANGE.startsWith('README.md'); // true
 */
export const INT_RANGE = 'README.md, "Numbers at the edges": an integer operation whose exact result leaves JavaScript\'s safe range (±(2^53 − 1)) is refused in both modes, where JavaScript computes in float64';

/** Beyond this JavaScript's numbers are not exact integers, and CEL's int64 ends soon after (2^63). */
const EXACT = 2 ** 53;

/**
 * The README difference that explains a compiled leaf differing from the JavaScript one, or `undefined`.
 * `inputs` are the strings of the spec and the observed objects (a map key naming an inherited member).
 * @example documentedDifference(undefined, 2 ** 60); // 'README.md, "Where the CEL differs": numbers at the edges ...'
 */
export function documentedDifference(compiled: unknown, javascript: unknown, inputs: readonly string[] = []): string | undefined {
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
