/**
 * The built-in methods that change the value they are called on. The reference proxy refuses them on a
 * reference (model/refs.ts), the source analysis records them as writes (analysis/writes.ts), and the
 * composition looks for them on the array a loop collects into (composition/collections.ts): one list, so
 * the three agree on what a write is.
 */

/**
 * Array methods that change the array in place (`push`, `sort`, `copyWithin`, ...): alone, for the array a loop
 * collects into (writeOutsideLoop), where a map's or set's method throws in JavaScript rather than writing.
 */
export const ARRAY_MUTATING_METHODS: ReadonlySet<string> = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/** Methods that change the array, map or set they are called on: the array ones and `set`, `delete`, `clear`, `add`. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([...ARRAY_MUTATING_METHODS, 'set', 'delete', 'clear', 'add']);
