/**
 * Observed objects as a concrete run hands them to the composition function: read-only views whose
 * present fields are the observed values and whose absent fields are `undefined`. Reading *through* an
 * absent object (`deployment.status.readyReplicas` before the Deployment has a status) would throw in
 * JavaScript, although a composition is written for the moment the data exists; so an absent field whose
 * static type is an object, map or list reads as an *absent placeholder*: its fields are absent too, it
 * converts to `undefined` as a primitive (`${x}` is "undefined", `x > 0` is false), iterates as empty, and
 * counts as `undefined` in manifests and status. Scalars and untyped fields are plain `undefined`.
 * A placeholder cannot be nullish, so `?.` does not stop at it: an array method of an absent list
 * (`status.conditions?.some(...)`) returns `undefined`, as the optional call would, so
 * `status.conditions?.some(...) ?? false` is false as in plain JavaScript.
 *
 * A resource that is not observed at all is different: KRO (and direct mode) evaluate an expression only
 * once every resource it reads exists, so whatever is computed from such a resource is *pending*, `??`
 * defaults included. Every field of it, scalars and untyped fields too, reads as a *pending placeholder*:
 * reading through it gives pending placeholders (`redis.spec.values.logLevel` does not throw), `??` keeps
 * it (it is not nullish), calling one (an array method) returns one, a string built from it (`${x}`, `+`, `join`)
 * carries a marker that makes the whole string pending, and it counts as pending in manifests and status.
 * Only what JavaScript computes without the value itself stays a JavaScript value: a comparison (`x > 0`
 * is false, NaN as a number), a truthiness test (a placeholder is truthy), the length of the user's own
 * array of handles. The cross-check does not hold the compiled side to those (it is pending there).
 */
import { fieldOf, T, type CelType } from '../ir/types.js';
import { TypeKroError } from '../util/errors.js';

const ABSENT = Symbol.for('typekro.concrete.absent');

/** Marks a string built from a pending placeholder (control characters no user text contains). */
const PENDING_MARKER = '\u0001\u0004pending\u0002';

/**
 * True for a string JavaScript built from a pending placeholder (a field of a resource that is not observed).
 * @example hasPendingMarker(`http://${unobservedService.metadata.name}`); // true
 */
export function hasPendingMarker(text: string): boolean {
  return text.includes(PENDING_MARKER);
}

const PENDING = Symbol.for('typekro.concrete.pending');

/**
 * True for a field of a resource that is not observed (a pending placeholder).
 * @example isPending(observedView(undefined, T.string, true)); // true
 */
export function isPending(value: unknown): boolean {
  return typeof value === 'function' && (value as { [PENDING]?: boolean })[PENDING] === true;
}

/**
 * True for the placeholder of an absent object-typed field.
 * @example isAbsent(observedView(undefined, T.object({}, true))); // true
 */
export function isAbsent(value: unknown): boolean {
  return typeof value === 'function' && (value as { [ABSENT]?: boolean })[ABSENT] === true;
}

function childType(type: CelType, key: string): CelType {
  if (type.kind === 'list') return /^\d+$/.test(key) ? type.item : T.dyn;
  return fieldOf(type, key)?.type ?? T.dyn;
}

function isContainer(type: CelType): boolean {
  return type.kind === 'object' || type.kind === 'map' || type.kind === 'list';
}

/**
 * The view of `value` (observed data) typed as `type`.
 * @example (observedView({}, observedType('V1Deployment', {})) as V1Deployment).status?.readyReplicas; // undefined, no throw
 */
export function observedView(value: unknown, type: CelType, unobserved = false): unknown {
  if (value === undefined) return isContainer(type) || unobserved ? absentPlaceholder(type, unobserved) : undefined;
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      const own = Object.hasOwn(target, prop);
      if (Array.isArray(target) && !/^\d+$/.test(prop)) return Reflect.get(target, prop, receiver);
      if (!own && prop in target) return Reflect.get(target, prop, receiver);
      return observedView(own ? (target as Record<string, unknown>)[prop] : undefined, childType(type, prop));
    },
    set() {
      throw new TypeKroError('USAGE', 'observed objects are read-only in a concrete evaluation');
    },
  });
}

/**
 * An observed object as a cluster types it: KRO and direct mode read observed objects by their OpenAPI schema
 * (runtime/cel/convert.ts `openApiToCel`, KRO's `UnstructuredToVal`), where a field holding JSON `null` is not
 * set. So a `null` field is left out here, at any depth (list items stay as they are): JavaScript's `??` and
 * `?.` treat it like `undefined` anyway, and a status field read from it is pending, as on a cluster. Both
 * sides of a check (the concrete run and `simulate`'s planner) see the objects through this.
 * @example withoutNullFields({ status: { readyReplicas: null, conditions: [{ reason: null }] } }); // { status: { conditions: [{}] } }
 */
export function withoutNullFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => (item === null ? item : withoutNullFields(item))) as T;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNullFields(item);
  return out as T;
}

/**
 * An object as the cluster holds it: `top` (what the cluster reports) laid over `base` (what was applied).
 * Objects merge key by key; anything else (arrays included) is replaced by `top`.
 * @example overlay({ data: { tier: 'prod' } }, { status: {} }); // { data: { tier: 'prod' }, status: {} }
 */
export function overlay(base: unknown, top: unknown): unknown {
  if (typeof top !== 'object' || top === null || Array.isArray(top) || typeof base !== 'object' || base === null || Array.isArray(base)) return top;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(top)) out[key] = overlay(out[key], value);
  return out;
}

function isArrayMethod(name: string): boolean {
  return typeof (Array.prototype as unknown as Record<string, unknown>)[name] === 'function';
}

/** `unobserved`: the whole resource is absent, so every field is a pending placeholder (see the module doc). */
function absentPlaceholder(type: CelType, unobserved: boolean): unknown {
  const target = (): void => undefined;
  return new Proxy(target, {
    get(_, prop) {
      if (prop === ABSENT) return true;
      if (prop === PENDING) return unobserved;
      if (prop === Symbol.toPrimitive) return unobserved ? (hint: string) => (hint === 'number' ? Number.NaN : PENDING_MARKER) : () => undefined;
      if (prop === Symbol.iterator) return () => [][Symbol.iterator]();
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      if (!unobserved && type.kind === 'list' && isArrayMethod(prop)) return (): undefined => undefined;
      return observedView(undefined, childType(type, prop), unobserved);
    },
    apply() {
      // A method of a resource that is not observed (`pods.map(...)`, `conditions.some(...)`): pending too.
      if (unobserved) return absentPlaceholder(T.dyn, true);
      throw new TypeKroError('USAGE', 'an absent observed field was called as a function');
    },
    set() {
      throw new TypeKroError('USAGE', 'observed objects are read-only in a concrete evaluation');
    },
  });
}
