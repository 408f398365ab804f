/**
 * The values the names around a composition function held when it ran (trial 7 H11, trial 8 T09/T14): its
 * module's top-level names and imports (a JSON module's data among them), and the parameters and locals of
 * the functions it is written in (a "composition generator": `makeService(kind, image)` returning
 * `kubernetesComposition(...)`). JavaScript knows them when the composition is defined; the compiler cannot
 * always recompute them from source (a `process.env` read gives what the process holds *now*, a parameter's
 * value is the caller's), so it reads the bindings themselves: V8 keeps the variables a function closes
 * over in its `[[Scopes]]` (a `Closure` or `Block` scope per enclosing function or block, innermost first,
 * then the `Module`), which the inspector protocol reads synchronously in the same process. What is read
 * is exactly what the function saw.
 *
 * Values are taken as data only: a scalar (a string, a finite number, a boolean, null) or plain data (plain
 * objects and arrays of those, as JSON). Anything else is described (`a Map`, `a function`, `a reference`)
 * so that a refusal can say why. Where the inspector is not available (another runtime), nothing is read
 * and the names are refused as before. The values are read once per definition, on the compiler's first
 * question; each name is judged once per definition, on demand (no state outlives the definition).
 */
import { Session } from 'node:inspector';
import { types } from 'node:util';
import type { ObservedValues, Seen } from '../analysis/observed-scope.js';
import { hasMarkers } from '../model/refs.js';
import { TypeKroError } from '../util/errors.js';

interface RemoteObject {
  readonly type?: string;
  readonly subtype?: string;
  readonly value?: unknown;
  readonly unserializableValue?: string;
  readonly objectId?: string;
  readonly description?: string;
}

interface PropertyDescriptor {
  readonly name: string;
  readonly value?: RemoteObject;
}

interface Scopes {
  /** The module's top-level names and imports. */
  readonly module: ReadonlyMap<string, unknown>;
  /** The names of the enclosing functions and blocks, each from the innermost scope that holds it. */
  readonly closure: ReadonlyMap<string, unknown>;
}

/**
 * What the names around `fn` held, read on first use (the inspector is opened only when the compiler asks).
 *
 * @example
 * // function make(image: string) { return kubernetesComposition(def, (spec) => ({ i: `${image}:${spec.tag}` })); }
 * moduleValues(compose).closure('image'); // { value: 'ghcr.io/acme/billing' }
 */
export function moduleValues(fn: unknown): ObservedValues {
  let scopes: Scopes | undefined;
  const judged = new Map<string, Seen | undefined>();
  const memo = new Map<string, unknown>();
  const seen = (where: 'module' | 'closure', name: string): Seen | undefined => {
    scopes ??= typeof fn === 'function' ? readScopes(fn) : { module: new Map(), closure: new Map() };
    const key = `${where}:${name}`;
    if (!judged.has(key)) judged.set(key, scopes[where].has(name) ? judge(scopes[where].get(name)) : undefined);
    return judged.get(key);
  };
  return {
    module: (name) => seen('module', name),
    closure: (name) => seen('closure', name),
    once<T>(key: string, decide: () => T): T {
      if (!memo.has(key)) memo.set(key, decide());
      return memo.get(key) as T;
    },
  };
}

function readScopes(fn: object): Scopes {
  const module = new Map<string, unknown>();
  const closure = new Map<string, unknown>();
  let session: Session | undefined;
  // A name only this call uses: the protocol reaches objects through an expression, and hands them back through it.
  const key = `__typekro_module_values_${process.hrtime.bigint()}`;
  const global = globalThis as Record<string, unknown>;
  try {
    session = new Session();
    session.connect();
    global[key] = fn;
    const probe = post<{ result: RemoteObject }>(session, 'Runtime.evaluate', { expression: `globalThis.${key}` });
    const internal = post<{ internalProperties?: PropertyDescriptor[] }>(session, 'Runtime.getProperties', { objectId: probe.result.objectId, ownProperties: true });
    const scopes = internal.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value?.objectId;
    if (!scopes) return { module, closure };
    global[key] = [];
    for (const entry of post<{ result: PropertyDescriptor[] }>(session, 'Runtime.getProperties', { objectId: scopes, ownProperties: true }).result) {
      const description = entry.value?.description ?? '';
      // Innermost first: a name an inner function or block declares hides the outer one, as in JavaScript.
      const into = description === 'Module' ? module : /^(Closure|Block)\b/.test(description) ? closure : undefined;
      if (!into || !entry.value?.objectId) continue;
      for (const variable of post<{ result: PropertyDescriptor[] }>(session, 'Runtime.getProperties', { objectId: entry.value.objectId, ownProperties: true }).result) {
        if (!into.has(variable.name) && variable.value) into.set(variable.name, localValue(session, variable.value, global[key] as unknown[], key));
      }
      if (into === module) break;
    }
  } catch {
    // No inspector (another runtime, or it refused a session): no values, the names are refused as before.
    return { module: new Map(), closure: new Map() };
  } finally {
    delete global[key];
    session?.disconnect();
  }
  return { module, closure };
}

/** Stands for a value the protocol could not hand over (a number it cannot serialize: NaN, the infinities, -0, a bigint). */
const UNREADABLE = Symbol('unreadable');

/** A function the scopes hold, as the protocol describes it. */
class RemoteFunction {
  constructor(readonly isClass: boolean) {}
}

/** The value itself: primitives from the protocol's copy, objects handed back through `global[key]` (the same object). */
function localValue(session: Session, remote: RemoteObject, into: unknown[], key: string): unknown {
  if (remote.type === 'undefined') return undefined;
  if (remote.type === 'object' && remote.subtype === 'null') return null;
  if (remote.unserializableValue !== undefined) return UNREADABLE;
  if (!remote.objectId) return remote.value;
  // A function is only ever refused (or compiled from its source): what it is suffices, no need to fetch it.
  if (remote.type === 'function') return new RemoteFunction(remote.description?.startsWith('class') === true);
  post(session, 'Runtime.callFunctionOn', {
    objectId: remote.objectId,
    functionDeclaration: `function () { 'use strict'; globalThis.${key}.push(this); }`,
  });
  return into.at(-1);
}

/**
 * Whether a value is data the compiler can hold, and as what; otherwise what it is, for the refusal. A string
 * carrying a reference's marker, or a proxy (a reference, a resource's handle), is a reference.
 */
function judge(value: unknown): Seen {
  if (value === undefined) return { refused: 'undefined', undefined: true };
  const problem = dataProblem(value, '', new Set());
  if (problem) return refusedAs(problem);
  return typeof value === 'object' && value !== null ? { json: JSON.stringify(value) } : { value: value as string | number | boolean | null };
}

function refusedAs(problem: Problem): Seen {
  return { refused: problem.what, ...(problem.reference && { reference: true as const }) };
}

interface Problem {
  readonly what: string;
  readonly reference?: true;
}

/** What makes `value` not plain data (the first thing met, with its path: `a Map at .tiers`), or undefined. */
function dataProblem(value: unknown, path: string, open: Set<object>): Problem | undefined {
  const at = path === '' ? '' : ` at \`${path}\``;
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'string') return hasMarkers(value) ? { what: `a reference${at}`, reference: true } : undefined;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? undefined : { what: `${String(value)}${at}, a number CEL cannot hold` };
  if (value === UNREADABLE) return { what: `a number CEL cannot hold (NaN, an infinity, -0 or a bigint)${at}` };
  if (value === undefined) return { what: `undefined${at}` };
  if (value instanceof RemoteFunction) return { what: `a ${value.isClass ? 'class' : 'function'}${at}` };
  if (typeof value === 'function') return { what: `a ${/^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function'}${at}` };
  if (typeof value !== 'object') return { what: `a ${typeof value}${at}` };
  if (types.isProxy(value)) return { what: `a reference or a resource${at}`, reference: true };
  if (open.has(value)) return { what: `a cycle${at}` };
  open.add(value);
  try {
    return Array.isArray(value) ? listProblem(value, path, open) : objectProblem(value, path, open);
  } finally {
    open.delete(value);
  }
}

function listProblem(list: readonly unknown[], path: string, open: Set<object>): Problem | undefined {
  if (Object.getPrototypeOf(list) !== Array.prototype) return { what: `an instance of ${list.constructor.name}${path === '' ? '' : ` at \`${path}\``}` };
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return { what: `a list with a hole at \`${path}[${i}]\`` };
    const problem = dataProblem(list[i], `${path}[${i}]`, open);
    if (problem) return problem;
  }
  return undefined;
}

function objectProblem(object: object, path: string, open: Set<object>): Problem | undefined {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (object as { constructor?: { name?: string } }).constructor?.name;
    const what = name === 'Map' || name === 'Set' ? `a ${name}` : `an instance of ${name || 'a class'}`;
    return { what: `${what}${path === '' ? '' : ` at \`${path}\``}` };
  }
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(object))) {
    const field = `${path}.${name}`;
    if (!('value' in descriptor)) return { what: `a getter at \`${field}\`` };
    if (!descriptor.enumerable) continue;
    if (hasMarkers(name)) return { what: `a reference at \`${field}\``, reference: true };
    const problem = dataProblem(descriptor.value, field, open);
    if (problem) return problem;
  }
  return undefined;
}

/** A protocol call; a session in the same thread answers before `post` returns. */
function post<T>(session: Session, method: string, params: object): T {
  let answer: { error: Error | null; result: T } | undefined;
  session.post(method, params, (error, result) => {
    answer = { error, result: result as T };
  });
  if (!answer) throw new TypeKroError('INTERNAL', `the inspector did not answer ${method} synchronously`);
  if (answer.error) throw answer.error;
  return answer.result;
}
