/**
 * Which declared status fields an instance does not have (yet), in both modes: KRO omits a field whose
 * expression is pending (its data does not exist yet), fails, or gives `optional.none()` (JavaScript's
 * `undefined`); direct mode omits the same. Named as `engine/resolve.ts` `resolveStatus` names them: dotted
 * paths to the leaves (`nested.b`, never its parent), an array one field, `null` leaves and empty objects
 * never emitted (the RGD compiler leaves them out), so both modes list the same fields.
 */
import { isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';

/**
 * The paths of the leaves of `shape` (the graph's status) that have no value in `status`, except those in
 * `absent`: the fields whose expression gives `optional.none()` for this spec and these objects (JavaScript
 * says `undefined`, a final answer), which are left out by design, not pending.
 *
 * @example
 * ```ts
 * missingStatusFields({ url: exprValue(url), db: { host: exprValue(host), port: exprValue(port) } }, { db: {} }, ['db.port']); // ['url', 'db.host']
 * ```
 */
export function missingStatusFields(shape: Value, status: unknown, absent: readonly string[] = []): string[] {
  const missing: string[] = [];
  const visit = (node: Value, value: unknown, path: string): void => {
    if (node === null) return;
    if (!isPlainObject(node) || isExprValue(node)) {
      if (value === undefined && !absent.includes(path)) missing.push(path);
      return;
    }
    for (const [key, item] of Object.entries(node as Record<string, Value>)) visit(item, isPlainObject(value) ? value[key] : undefined, path ? `${path}.${key}` : key);
  };
  visit(shape, status, '');
  return missing;
}
