/**
 * Observed objects as a concrete run hands them to the composition function: read-only views whose
 * present fields are the observed values and whose absent fields are JavaScript's `undefined` wherever the
 * code tests for it: `x ?? d`, `x?.y`, `x || d`, `!x`, `x === undefined`, `typeof x`, a condition, an
 * argument of `Cel.default(x, d)` and the other `Cel.*` helpers. Which use a read has is asked of the
 * source (analysis/read-context.ts: the read V8 reports at that position).
 *
 * Elsewhere JavaScript would throw or build a value from nothing, where KRO waits for the field (the
 * compiled CEL is pending): reading through an absent field (`svc.status.loadBalancer.ingress[0].ip` before
 * the load balancer exists) and building text or numbers from one (`` `ready-${x}` ``, `x + 1`). There the
 * read gives an *absent placeholder*: its fields are absent too, as a number it is NaN (`x > 0` is false, as
 * for `undefined`), as text JavaScript's own `'undefined'`, calling it gives another one, it iterates as
 * empty, and left as it is it counts as pending in manifests and status (so does a NaN: JSON has none).
 *
 * One rule says what is pending: *where* a placeholder became text or a number, was called or iterated, the
 * run notes the place (its frames in the composition function), and every status field and every factory
 * argument computed there (in its own expression, or in the initialiser of a local it uses) is pending,
 * whatever JavaScript went on to compute (`String(x).substring(0, 4)`, `` `${x}`.length ``, `x + 1 > 0`):
 * status fields in concrete-reads.ts `pendingStatusPaths`, manifest fields in concrete-frame.ts
 * `pendingArguments` (the argument's leaves become placeholders, which the factory puts in the manifest).
 * A status string that merely contains the word "undefined" is compared as it is. Only where no place in
 * the composition function says it (a factory's own code building text from such an argument, a readyWhen
 * callback run after the function) does the text carry a marker character instead, which makes the whole
 * string pending. Where the source cannot say (a read through a local, a destructuring pattern, an
 * ambiguous position), an absent field whose static type is an object, map or list is a placeholder (reads
 * through it must not throw) and a scalar is `undefined`. An array method of an absent list
 * (`conditions.map(...)`, where JavaScript throws) and iterating one are uses too: noted, and calling the
 * method gives a placeholder (`conditions?.some(...)` and `conditions ?? []` test the read and keep their
 * values).
 *
 * A resource that is not observed at all is different: KRO (and direct mode) evaluate an expression without
 * it, a read of it fails and only CEL's `||`/`&&` absorb that (test/cluster/absent-reads.cluster.test.ts), so
 * whatever is computed from such a resource is *pending* here, `??` defaults included (concrete.ts then
 * computes the one value a cluster may show, with the resource observed as `{}`). Every field of it, scalars
 * and untyped fields too, reads as a *pending placeholder*: reading through it gives pending placeholders
 * (`redis.spec.values.logLevel` does not throw), `??` keeps it (it is not nullish), calling one (an array
 * method) returns one, and it counts as pending in manifests and status. The same rule applies with the
 * read itself as the place: the run notes where each field of an unobserved resource is read, and the
 * status fields and factory arguments computed there are pending too, comparisons (`x > 0` is false) and
 * counts (`filter(...).length`) included. The length of the user's own array of handles reads no field and
 * stays a JavaScript value; the cross-check does not hold the compiled side to it (it is pending there).
 */
import { comparedAt, readUseAt } from '../analysis/read-context.js';
import { fieldOf, T, type CelType } from '../ir/types.js';
import { isExprValue } from '../ir/value.js';
import { callerFrame } from '../model/call-site.js';
import { TypeKroError } from '../util/errors.js';
import { PENDING_MARKER } from './concrete-pending-marker.js';
import { bytesRead } from './concrete-bytes-read.js';
import { noteAbsentUse, notePendingUse } from './concrete-absent-uses.js';

const ABSENT = Symbol.for('typekro.concrete.absent');

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
 * The views one concrete run made, by observed object and type. JavaScript reads the same list or object
 * twice as one value (`st.a === st.a` is true, `[st.a].indexOf(st.a)` is 0): a fresh proxy per read would
 * make it two, which no cluster object is.
 */
export type ObservedViews = WeakMap<object, Map<CelType, unknown>>;

/**
 * The view of `value` (observed data) typed as `type`; `views` (one per run) keeps one view per object.
 * @example (observedView({}, observedType('V1Deployment', {})) as V1Deployment).status?.readyReplicas; // undefined, no throw
 */
export function observedView(value: unknown, type: CelType, unobserved = false, name?: string, views: ObservedViews = new WeakMap()): unknown {
  if (value === undefined) return unobserved ? absentPlaceholder(type, true) : absentRead(type, name);
  if (type.kind === 'bytes' && typeof value === 'string' && name !== undefined) return bytesRead(value, name);
  if (typeof value !== 'object' || value === null) return value;
  const byType = views.get(value) ?? new Map<CelType, unknown>();
  views.set(value, byType);
  const known = byType.get(type);
  if (known !== undefined) return known;
  const view = new Proxy(value, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      const own = Object.hasOwn(target, prop);
      if (Array.isArray(target) && !/^\d+$/.test(prop)) return Reflect.get(target, prop, receiver);
      if (!own && prop in target) return Reflect.get(target, prop, receiver);
      return observedView(own ? (target as Record<string, unknown>)[prop] : undefined, childType(type, prop), false, prop, views);
    },
    set() {
      throw new TypeKroError('USAGE', 'observed objects are read-only in a concrete evaluation');
    },
  });
  byType.set(type, view);
  return view;
}

/**
 * What the read of absent field `name` gives (see the module doc): `undefined` where the code tests it, a
 * placeholder where it reads through it or builds a value from it; where the source cannot say, a
 * placeholder for an object, map or list and `undefined` for a scalar.
 */
function absentRead(type: CelType, name: string | undefined): unknown {
  const frame = name === undefined ? undefined : callerFrame();
  const use = frame && name !== undefined ? readUseAt(frame.file, frame.line, frame.column, name) : undefined;
  if (use === 'tested') return undefined;
  // Compared itself (`x > 0`), it compiles with JavaScript's `undefined`: the comparison's false is exact, not a use to note.
  if (use === 'through' || use === 'text' || isContainer(type)) return absentPlaceholder(type, false, use !== undefined && comparedAt(frame!.file, frame!.line, frame!.column, name!));
  return undefined;
}

function isArrayMethod(name: string): boolean {
  return typeof (Array.prototype as unknown as Record<string, unknown>)[name] === 'function';
}

/**
 * A value derived from an absent read (a `Cel.*` call over one): pending wherever it lands.
 * @example isAbsent(absentValue()); // true
 */
export function absentValue(): unknown {
  return absentPlaceholder(T.dyn, false);
}

/**
 * A factory argument's part computed from a read with no value (concrete-frame.ts `pendingArguments`): each
 * scalar in it (an empty list or object itself) becomes {@link absentValue}, which a manifest reports as
 * pending wherever the factory puts it; its keys and list lengths stay, so a factory that reshapes it
 * (an env map into a list) still finds its entries. Placeholders, `Cel.*` values and handles stay as they are.
 * @example isAbsent((pendingLeaves({ a: 9 }) as { a: unknown }).a); // true
 */
export function pendingLeaves(value: unknown): unknown {
  if (value === undefined) return value;
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? value : absentValue();
  if (Array.isArray(value)) return value.length === 0 ? absentValue() : value.map(pendingLeaves);
  if (Object.getPrototypeOf(value) !== Object.prototype || isExprValue(value)) return value;
  const entries = Object.entries(value);
  return entries.length === 0 ? absentValue() : Object.fromEntries(entries.map(([key, item]) => [key, pendingLeaves(item)]));
}

/** `unobserved`: the whole resource is absent, so every field is a pending placeholder (see the module doc). */
function absentPlaceholder(type: CelType, unobserved: boolean, compared = false): unknown {
  const target = (): void => undefined;
  return new Proxy(target, {
    get(_, prop) {
      if (prop === ABSENT) return true;
      if (prop === PENDING) return unobserved;
      // As a number it is NaN, as `undefined` is; as text JavaScript's own, pending by its place.
      if (prop === Symbol.toPrimitive) {
        return (hint: string) => {
          if (hint === 'number') {
            if (unobserved) notePendingUse();
            else if (!compared) noteAbsentUse();
            return Number.NaN;
          }
          // Where the run places the use, the text is JavaScript's own and the fields computed there are
          // pending by place; elsewhere (a factory's own code, a readyWhen callback) the marker carries it.
          const placed = unobserved ? notePendingUse() : noteAbsentUse();
          return placed ? 'undefined' : PENDING_MARKER;
        };
      }
      if (prop === Symbol.iterator) {
        return () => {
          if (unobserved) notePendingUse();
          else noteAbsentUse();
          return [][Symbol.iterator]();
        };
      }
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      // A method of an absent list (`conditions.map(...)`): JavaScript throws, the CEL waits; calling it notes the use.
      if (!unobserved && type.kind === 'list' && isArrayMethod(prop)) return absentPlaceholder(T.dyn, false);
      return observedView(undefined, childType(type, prop), unobserved, prop);
    },
    apply() {
      // A method of an absent field or of a resource that is not observed (`x.toString()`, `pods.map(...)`):
      // JavaScript would throw or has nothing yet, KRO waits: another placeholder.
      if (!unobserved) noteAbsentUse();
      return absentPlaceholder(T.dyn, unobserved);
    },
    set() {
      throw new TypeKroError('USAGE', 'observed objects are read-only in a concrete evaluation');
    },
  });
}
