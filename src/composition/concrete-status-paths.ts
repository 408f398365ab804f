/**
 * The pending fields of a concrete evaluation's status: taken out of the returned object by path, and listed
 * in the order the returned object has them.
 */
import { OpaqueCel, type ConcreteData } from './concrete-value.js';

/**
 * The status without the fields computed from a resource that is not observed (composition/concrete-reads.ts),
 * and those fields' JavaScript values: JavaScript gave them values (`x !== 'dev'` is true) that a cluster
 * shows before the resource exists only where the rest of the expression decides them (CEL's `||`, `&&`).
 */
export function withoutPaths(status: { readonly [key: string]: ConcreteData }, paths: readonly string[]): { value: { readonly [key: string]: ConcreteData }; removed: Map<string, ConcreteData> } {
  const removed = new Map<string, ConcreteData>();
  const without = (value: ConcreteData, prefix: string): ConcreteData => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof OpaqueCel) return value;
    const out: [string, ConcreteData][] = [];
    for (const [key, item] of Object.entries(value as { readonly [key: string]: ConcreteData })) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (paths.includes(path)) removed.set(path, item);
      else out.push([key, without(item, path)]);
    }
    // fromEntries, not `out[key] =`: an own `__proto__` key stays a key.
    return Object.fromEntries(out);
  };
  return { value: without(status, '') as { readonly [key: string]: ConcreteData }, removed };
}

/** Pending paths in the order the returned object has its fields (then any others). */
export function inOrderOf(returned: unknown, paths: readonly string[]): string[] {
  const order: string[] = [];
  const visit = (value: unknown, prefix: string): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return;
    for (const [key, item] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      order.push(path);
      visit(item, path);
    }
  };
  visit(returned, '');
  const rank = (path: string): number => (order.includes(path) ? order.indexOf(path) : order.length);
  return [...new Set(paths)].sort((a, b) => rank(a) - rank(b));
}

/**
 * The status values holding a number JSON cannot hold (`nonJson`: NaN, ±Infinity by path, as normalizeConcrete
 * collects them). One computed from an absent or unobserved read (`byPlace`: `web.status.readyReplicas * 2`) is
 * pending, as the compiled CEL waits for the read; any other (`0 / 0`, `1 / 0`) fails in both modes ("the double
 * NaN has no JSON form", trial 18 F3), so it is failed here too, by its path (`list[0]`), with the number.
 * `fields`: the status fields to leave out of the value (a list with such an item goes as a whole).
 */
export function numbersJsonCannotHold(nonJson: ReadonlyMap<string, number>, byPlace: readonly string[]): { pending: string[]; failed: Map<string, number>; fields: string[] } {
  const pending: string[] = [];
  const failed = new Map<string, number>();
  const fields = new Set<string>();
  for (const [path, value] of nonJson) {
    const field = path.replace(/\[.*$/, '');
    const placed = byPlace.some((p) => field === p || field.startsWith(`${p}.`) || p.startsWith(`${field}.`));
    if (placed) pending.push(field);
    else {
      failed.set(path, value);
      fields.add(field);
    }
  }
  return { pending, failed, fields: [...fields] };
}
