/**
 * Stand-ins: a rendered manifest in place of the live object it will become (offline rendering). The
 * manifest knows what it sets and nothing else: the cluster fills in the rest (a Service's `clusterIP`,
 * `ports[].targetPort` and `protocol`, every `status`), so a field the manifest does not set is *unknown*,
 * not absent. Reading one is data pending, as a missing key is, and no operator hides it: `has()`, the
 * optional `.?f` / `[?k]` (JavaScript's `?.` and `??`), `in`, `orValue` all fail the same way, since
 * what they would answer offline (absent, the default) is not what they answer on the cluster.
 */
import { TypeKroError } from '../../util/errors.js';
import { jsonToCel } from './convert.js';

/**
 * Reading a field a stand-in does not set. Its code `NEEDS_CLUSTER` is data pending to `classify.ts`; it
 * is not a cel-js `EvaluationError`, which optional selection and `has()` would turn into "absent".
 */
class UnsetFieldError extends TypeKroError {
  readonly summary: string;
  constructor(path: string, root: string) {
    super('NEEDS_CLUSTER', `${path} is not set by the manifest of ${root}: only the cluster knows it`);
    this.summary = this.message;
  }
}

/**
 * The CEL form of rendered manifest `object` of resource `id`: {@link jsonToCel}'s, with every map a
 * `Map` whose `get` of an unset key throws (cel-js reads map fields, `has()`, `in` and optional selection
 * through `get`).
 *
 * @example
 * ```ts
 * createCelEngine().evaluate(program('has(svc.spec.clusterIP)'), { svc: standInCel('svc', manifest) });
 * // { kind: 'pending', reason: 'svc.spec.clusterIP is not set by the manifest of svc: only the cluster knows it' }
 * ```
 */
export function standInCel(id: string, object: object): unknown {
  return convert(jsonToCel(object), id, id);
}

function convert(value: unknown, path: string, root: string): unknown {
  if (Array.isArray(value)) return value.map((item: unknown, i) => convert(item, `${path}[${i}]`, root));
  if (value === null || typeof value !== 'object' || value.constructor !== Object) return value;
  const map = new Map(Object.entries(value).map(([key, item]) => [key, convert(item, `${path}.${key}`, root)] as const));
  // An own `get`, so the object stays a plain `Map` (cel-js types values by their constructor).
  Object.defineProperty(map, 'get', {
    value: (key: unknown): unknown => {
      const item = Map.prototype.get.call(map, key);
      if (item === undefined) throw new UnsetFieldError(`${path}.${String(key)}`, root);
      return item;
    },
  });
  return map;
}
