/**
 * Stand-ins: an object in place of the live object it will become (offline rendering: the rendered
 * manifest; a plan: the manifest of an object not created yet, or the dry-run result of one the deploy
 * changes, without its status). A stand-in knows what it sets and nothing else: the cluster fills in the
 * rest (a Service's `clusterIP`, `ports[].targetPort` and `protocol`, every `status`), so a field it does
 * not set is *unknown*, not absent. Reading one is data pending, as a missing key is, and no operator hides
 * it: `has()`, the optional `.?f` / `[?k]` (JavaScript's `?.` and `??`), `in`, `orValue` all fail the same
 * way, since what they would answer offline (absent, the default) is not what they answer on the cluster.
 * For the same reason an object of a stand-in used whole (copied into a manifest, compared, its size or
 * keys taken) is unknown: it lacks what the cluster adds (`ports: svc.spec.ports` would lose each port's
 * default `targetPort` and `protocol`). A list of plain values (`args`) is known; a list of objects is not,
 * item by item.
 */
import { TypeKroError } from '../../util/errors.js';
import { openApiToCel, type OpenApiSchema } from './convert.js';

/**
 * Reading what a stand-in does not know. Its code `NEEDS_CLUSTER` is data pending to `classify.ts`; it is
 * not a cel-js `EvaluationError`, which optional selection and `has()` would turn into "absent".
 */
class UnknownFieldError extends TypeKroError {
  readonly summary: string;
  constructor(message: string) {
    super('NEEDS_CLUSTER', message);
    this.summary = this.message;
  }
}

/**
 * The CEL form of stand-in `object` of resource `id`: {@link openApiToCel}'s (typed by `schema` when
 * given, as a live object is), with every map a `Map` whose `get` of an unset key throws (cel-js reads map
 * fields, `has()`, `in` and optional selection through `get`) and whose whole-map uses throw (`size`,
 * iteration: cel-js's equality, comprehensions and type dispatch, and the conversion of a result to JSON).
 *
 * @example
 * ```ts
 * createCelEngine().evaluate(program('has(svc.spec.clusterIP)'), { svc: standInCel('svc', manifest) });
 * // { kind: 'pending', reason: 'svc.spec.clusterIP is not set by the manifest of svc: only the cluster knows it' }
 * ```
 */
export function standInCel(id: string, object: object, schema?: OpenApiSchema): unknown {
  return convert(openApiToCel(schema, object), id, id);
}

/**
 * The whole-map members cel-js and the JSON conversion use: `size` (`size()`, equality), the iterator
 * (equality, `for...of`, spreads), `keys` (comprehensions), `forEach`. Not `entries`: cel-js's type dispatch
 * (an operand of `in`, a function's argument) reads the first entry to type the map, which is no use of
 * the whole. The stand-in tests pin each use.
 */
const WHOLE: readonly (string | symbol)[] = ['size', 'keys', 'forEach', Symbol.iterator];

function convert(value: unknown, path: string, root: string): unknown {
  if (Array.isArray(value)) return value.map((item: unknown, i) => convert(item, `${path}[${i}]`, root));
  const entries = value instanceof Map ? [...(value as Map<string, unknown>)] : isRecord(value) ? Object.entries(value) : undefined;
  if (entries === undefined) return value;
  const map = new Map(entries.map(([key, item]) => [key, convert(item, `${path}.${key}`, root)] as const));
  // Own members, so the object stays a plain `Map` (cel-js types values by their constructor).
  Object.defineProperty(map, 'get', {
    value: (key: unknown): unknown => {
      const item = Map.prototype.get.call(map, key);
      if (item === undefined) throw new UnknownFieldError(`${path}.${String(key)} is not set by the manifest of ${root}: only the cluster knows it`);
      return item;
    },
  });
  const whole = (): never => {
    throw new UnknownFieldError(`${path} is used as a whole object, to which the cluster may add fields the manifest of ${root} does not set (defaults): only the cluster knows it`);
  };
  for (const member of WHOLE) Object.defineProperty(map, member, member === 'size' ? { get: whole } : { value: whole });
  return map;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && value.constructor === Object;
}
