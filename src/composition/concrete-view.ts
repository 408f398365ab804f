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
import { bothUsesRefusal, comparedAt, readUseAt, templateUseAt } from '../analysis/read-context.js';
import { fieldOf, T, type CelType } from '../ir/types.js';
import { isExprValue } from '../ir/value.js';
import { callerFrame } from '../model/call-site.js';
import { currentRun } from '../model/run.js';
import { TypeKroError } from '../util/errors.js';

const ABSENT = Symbol.for('typekro.concrete.absent');

/**
 * Marks a string built from a placeholder where no place in the composition function says it is pending (a
 * factory's own code, a callback run after the function): one control character no user text contains, so
 * whatever JavaScript cuts from a text holding it still holds all of it or none.
 */
const PENDING_MARKER = '\u0004';

/**
 * True for a string built from a placeholder outside the composition function's own code (see {@link PENDING_MARKER}).
 * @example hasPendingMarker('\u0004-svc'); // true
 */
export function hasPendingMarker(text: string): boolean {
  return text.includes(PENDING_MARKER);
}

/**
 * Fails loudly when a status value holds a piece of the marker: a TypeKro bug, never a user value.
 * @example checkNoMarker({ a: 'ok' }, 'status'); // no throw
 */
export function checkNoMarker(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (hasPendingMarker(value)) {
      throw new TypeKroError('INTERNAL', `internal: ${where} holds a piece of the concrete run's pending marker (${JSON.stringify(value)}); a TypeKro bug, please report it`);
    }
  } else if (Array.isArray(value)) value.forEach((item, i) => checkNoMarker(item, `${where}[${i}]`));
  else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) checkNoMarker(item, `${where}.${key}`);
  }
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

/**
 * The read of bytes field `name` (a Secret's `data` entry), present with base64 text `text`: that text, as
 * JavaScript reads the API's JSON, except as a `Cel.template` argument, where the compiled CEL takes the
 * bytes and `string(...)` decodes them (docs/guide/real-cluster.md): there it is the decoded text. A local
 * used both ways has no one value that means both, so it is refused with the way out.
 */
function bytesRead(text: string, name: string): string {
  const frame = callerFrame();
  const use = frame ? templateUseAt(frame.file, frame.line, frame.column, name) : undefined;
  if (use === 'both') {
    // The definition refuses this where it compiles the read; a read it did not compile is refused here.
    const { why, hint } = bothUsesRefusal(name);
    throw new TypeKroError('DEFINITION_INVALID', `${frame!.file}:${frame!.line}:${frame!.column}: ${why}\n  hint: ${hint}`);
  }
  return use === 'cel' ? decodedText(text, name) : text;
}

/** What CEL's `string(bytes)` gives for base64 `text`: its UTF-8 text; bytes that are not UTF-8 fail in the cluster. */
function decodedText(text: string, name: string): string {
  // The API server returns `format: byte` fields as standard base64 (openApiToCel leaves other text as it is).
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'base64'));
  } catch {
    throw new TypeKroError('DEPLOY_FAILED', `Cel.template over \`${name}\`: its bytes are not UTF-8 text, so CEL's string() fails on them and the expression fails in the cluster`);
  }
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

/**
 * Tells the run in progress that the code built a value from an absent field here (a placeholder became
 * text or a number, was called or iterated): the status fields and factory arguments computed at this place
 * are pending (concrete-reads.ts), as the CEL is. True when a place in the composition function's own code
 * was noted (not a factory's code, not a callback run after the function).
 */
function noteAbsentUse(): boolean {
  const run = currentRun() as { noteAbsentUse?: () => boolean } | undefined;
  if (!run && judged) judged.uses++;
  return run?.noteAbsentUse?.() ?? false;
}

/** The uses counted while {@link judgedCallback} runs a callback after the function (no run is active then). */
let judged: { uses: number } | undefined;

/**
 * Runs a callback after the composition's function (a `withReadyWhen` callback on the observed object):
 * its answer, or `undefined` when it built a value from an absent field (text, a number, a call, an
 * iteration): the compiled CEL fails on that read, so the answer is pending, whatever JavaScript went on
 * to compute (`` `${self.status.x}`.length < 3 `` is true in JavaScript).
 * @example judgedCallback(() => String(self.status.readyReplicas).length < 3); // undefined when readyReplicas is absent
 */
export function judgedCallback(callback: () => unknown): unknown {
  const outer = judged;
  judged = { uses: 0 };
  try {
    const value = callback();
    return judged.uses > 0 ? undefined : value;
  } finally {
    judged = outer;
  }
}

/** Tells the run a value was built here from a field of a resource not observed; true when pending by its place (concrete-run.ts `notePendingUse`). */
function notePendingUse(): boolean {
  return (currentRun() as { notePendingUse?: () => boolean } | undefined)?.notePendingUse?.() ?? false;
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
