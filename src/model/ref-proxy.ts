/**
 * The reference proxies the user holds: `spec.replicas`, `deployment.status.readyReplicas`. Property reads
 * extend the path; string coercion (template literals) yields a marker the model later turns back into a CEL
 * template; everything else about JavaScript operators is recovered from source analysis. Writes, deletes,
 * in-place method calls and enumeration are refused where they happen.
 */
import { TypeKroError } from '../util/errors.js';
import { MUTATING_METHODS } from '../util/mutating-methods.js';
import { formatLocation, userFrame } from './call-site.js';
import { checkLive, recordCoercion, recordSpread, trapRefusal } from './definition-scope.js';
import { markerFor } from './markers.js';
import { misplacedRead } from './misplaced.js';
import { describeRef, REF, type RefData } from './ref-data.js';
import { ReferenceWriteError } from './reference-write-message.js';

/** Hooks a resource or the spec can add to its proxy (iteration, `.map` over array references). */
export interface ProxyHooks {
  iterate?: (ref: RefData) => Iterable<unknown>;
  mapList?: (ref: RefData, callback: (item: unknown, index: number, list: unknown) => unknown) => unknown[];
}

type Target = () => void;

const NO_HOOKS: ProxyHooks = {};

/** Creates a reference proxy for `data`. */
export function createRef(data: RefData, hooks: ProxyHooks = NO_HOOKS): unknown {
  checkLive(data);
  return new Proxy(callableTarget(), new ReferenceTraps(data, hooks));
}

/**
 * A fresh function for each proxy: calling it makes method calls on references (`spec.name.toLowerCase()`)
 * legal at definition time (their meaning comes from source analysis). Not shared, since the traps forward
 * what they do not define (`Object.defineProperty`, `Object.freeze`) to it. Returned unnamed: tsx's esbuild
 * names every function bound to a name with a `defineProperty` call, per reference.
 */
function callableTarget(): Target {
  return () => undefined;
}

/**
 * The traps of one reference. A class, not an object literal of closures, so that the traps are shared on
 * its prototype and a reference costs one small object: a composition reads thousands of references.
 */
class ReferenceTraps implements ProxyHandler<Target> {
  constructor(private readonly data: RefData, private readonly hooks: ProxyHooks) {}

  apply(): unknown {
    const { data } = this;
    const method = data.path.at(-1);
    if (typeof method === 'string' && MUTATING_METHODS.has(method) && data.path.length > 1 && !data.afterCall) {
      throw trapRefusal(new ReferenceWriteError({ kind: 'method', method, reference: describeRef({ root: data.root, path: data.path.slice(0, -1) }) }, userFrame()));
    }
    return createRef({ root: data.root, path: data.path, call: describeRef(data) }, this.hooks);
  }

  get(_target: Target, prop: string | symbol): unknown {
    const { data, hooks } = this;
    checkLive(data);
    if (prop === REF) return data;
    if (prop === Symbol.toPrimitive) return (hint: string) => coerce(data, hint);
    if (prop === 'toString' || prop === 'valueOf') return () => coerce(data, 'string');
    if (prop === 'toJSON') return () => markerFor(data);
    if (prop === Symbol.iterator && hooks.iterate) return () => hooks.iterate!(data)[Symbol.iterator]();
    if (prop === 'map' && hooks.mapList) {
      return (callback: (item: unknown, index: number, list: unknown) => unknown) => hooks.mapList!(data, callback);
    }
    // `spec.workers.forEach((w) => Pod(...))` is the same loop as `.map`, without a list: the callback runs
    // once, on a forEach item, as a for...of body does (otherwise the proxy's call would skip it silently).
    if (prop === 'forEach' && hooks.mapList) {
      return (callback: (item: unknown, index: number, list: unknown) => unknown): void => void hooks.mapList!(data, callback);
    }
    if (typeof prop === 'symbol' || prop === 'then') return undefined;
    const segment = /^\d+$/.test(prop) ? Number(prop) : prop;
    const path = [...data.path, segment];
    const misplaced = data.root.kind === 'resource' ? misplacedRead(data.root.resource.modelName, path, () => describeRef({ root: data.root, path })) : undefined;
    if (misplaced) throw trapRefusal(misplaced);
    return createRef({ root: data.root, path, ...((data.call !== undefined || data.afterCall) && { afterCall: true as const }) }, hooks);
  }

  deleteProperty(_target: Target, prop: string | symbol): boolean {
    throw trapRefusal(new ReferenceWriteError({ kind: 'delete', target: writtenField(this.data, prop), reference: describeRef(this.data) }, userFrame()));
  }

  set(_target: Target, prop: string | symbol): boolean {
    throw trapRefusal(new ReferenceWriteError({ kind: 'assign', target: writtenField(this.data, prop), reference: describeRef(this.data) }, userFrame()));
  }

  ownKeys(): ArrayLike<string | symbol> {
    // Spreading or enumerating a reference would silently yield nothing: refused, unless the object spread
    // into is compiled from source (a map merge, object-spread.ts), which drops what JavaScript built.
    const { data } = this;
    const at = userFrame();
    const error = new TypeKroError(
      'DEFINITION_INVALID',
      `${formatLocation(at)}: the reference ${describeRef(data)} cannot be spread or enumerated when the composition is defined: its keys are known only once the instance (or the observed object) exists\n  hint: ${spreadHint(data)}`,
    );
    if (!recordSpread(error, at)) throw error;
    return [];
  }
}

/** `spec.m.k`: the field of the reference `data` a `delete` or an assignment names. */
function writtenField(data: RefData, prop: string | symbol): string {
  return typeof prop === 'string' ? `${describeRef(data)}.${prop}` : describeRef(data);
}

/** The way out of a spread of `data`: a spec field (a map) merges where an object literal is compiled. */
function spreadHint(data: RefData): string {
  // The instance's labels and annotations are not merged whole (KRO adds its own in kro mode: instance-metadata-reads.ts).
  const merge = data.root.kind === 'schema' && data.path.length > 1 && data.path[0] !== 'metadata' ? `spread it straight into an object literal that is a factory argument or a status field (\`labels: { team: 't', ...${describeRef(data)} }\`, compiled to KRO's map merge), ` : '';
  return `${merge}pass it as a whole, or read its fields by name`;
}

/** Primitive coercions record nothing about the operator; source analysis supplies the real expression. */
function coerce(data: RefData, hint: string): string | number {
  const marker = markerFor(data);
  recordCoercion({ ref: data, hint });
  return hint === 'number' ? Number.NaN : marker;
}
