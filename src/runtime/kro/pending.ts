/**
 * Which declared status fields a KRO instance does not have (yet): KRO omits a field whose expression is
 * pending (its data does not exist yet) or fails. Named as direct mode names its pending fields
 * (`engine/resolve.ts` `resolveStatus`): dotted paths to the leaves, an array one field, `null` leaves and
 * empty objects never emitted (the RGD compiler leaves them out), so both modes list the same fields.
 */
import { isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';

/**
 * The paths of the leaves of `shape` (the graph's status) that have no value in `status`.
 *
 * @example
 * ```ts
 * missingStatusFields({ url: exprValue(url), db: { host: exprValue(host) } }, { db: {} }); // ['url', 'db.host']
 * ```
 */
export function missingStatusFields(shape: Value, status: unknown): string[] {
  const missing: string[] = [];
  const visit = (node: Value, value: unknown, path: string): void => {
    if (node === null) return;
    if (!isPlainObject(node) || isExprValue(node)) {
      if (value === undefined) missing.push(path);
      return;
    }
    for (const [key, item] of Object.entries(node as Record<string, Value>)) visit(item, isPlainObject(value) ? value[key] : undefined, path ? `${path}.${key}` : key);
  };
  visit(shape, status, '');
  return missing;
}
