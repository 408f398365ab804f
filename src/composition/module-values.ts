/**
 * The values the module-level names of a composition function held when it ran (trial 7 H11). A module
 * constant computed by plain JavaScript (`const REGISTRY = process.env.REGISTRY ?? 'ghcr.io/acme'`,
 * `Math.floor(2.5)`, `new Date(0).toISOString()`, `JSON.parse(...)`, a top-level `await`) is a value the
 * module computed once, before the composition ran: no reference can flow into it. The compiler cannot
 * recompute it from source (a `process.env` read gives what the process holds *now*, which a `dotenv`
 * loaded later or an assignment may have changed; `new Date()` differs per call), so it reads the binding
 * itself: V8 keeps the module's variables a function closes over in its `[[Scopes]]`, which the inspector
 * protocol reads synchronously in the same process. What is read is exactly what the function saw.
 *
 * Only scalars are taken (a string, a finite number, a boolean, null): they cannot have changed since the
 * run. Where the inspector is not available (another runtime), nothing is read and the constant is refused
 * as before.
 */
import { Session } from 'node:inspector';
import type { ObservedValue } from '../analysis/local-scope.js';
import { hasMarkers } from '../model/refs.js';
import { TypeKroError } from '../util/errors.js';

interface RemoteObject {
  readonly type?: string;
  readonly subtype?: string;
  readonly className?: string;
  readonly value?: unknown;
  readonly objectId?: string;
  readonly description?: string;
}

interface PropertyDescriptor {
  readonly name: string;
  readonly value?: RemoteObject;
}

/**
 * What module-level `name` held for `fn`, read on first use (the inspector is opened only when the compiler
 * asks): a scalar's value, or an object's or array's JSON (to tell whether it still holds what its source says).
 */
export function moduleValues(fn: unknown): ObservedValue {
  let values: ReadonlyMap<string, SeenValue> | undefined;
  return (name) => {
    values ??= typeof fn === 'function' ? readModuleScope(fn) : new Map();
    return values.get(name);
  };
}

type SeenValue = { readonly value: string | number | boolean | null } | { readonly json: string };

function readModuleScope(fn: object): ReadonlyMap<string, SeenValue> {
  const values = new Map<string, SeenValue>();
  let session: Session | undefined;
  // A name only this call uses: the protocol reaches objects through an expression.
  const key = `__typekro_module_values_${process.hrtime.bigint()}`;
  const global = globalThis as Record<string, unknown>;
  try {
    session = new Session();
    session.connect();
    global[key] = fn;
    const probe = post<{ result: RemoteObject }>(session, 'Runtime.evaluate', { expression: `globalThis.${key}` });
    const internal = post<{ internalProperties?: PropertyDescriptor[] }>(session, 'Runtime.getProperties', { objectId: probe.result.objectId, ownProperties: true });
    const scopes = internal.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value?.objectId;
    if (!scopes) return values;
    const list = post<{ result: PropertyDescriptor[] }>(session, 'Runtime.getProperties', { objectId: scopes, ownProperties: true }).result;
    // The module's own scope (its top-level names and its imports); closures of enclosing functions are the source's to resolve.
    const module = list.find((entry) => entry.value?.description === 'Module')?.value?.objectId;
    if (!module) return values;
    for (const variable of post<{ result: PropertyDescriptor[] }>(session, 'Runtime.getProperties', { objectId: module, ownProperties: true }).result) {
      const value = scalar(variable.value) ?? plainJson(session, variable.value);
      if (value !== undefined) values.set(variable.name, value);
    }
  } catch {
    // No inspector (another runtime, or it refused a session): no values, the constants are refused as before.
    values.clear();
  } finally {
    delete global[key];
    session?.disconnect();
  }
  return values;
}

/** A plain object's or array's JSON (what JSON.stringify writes), or undefined for anything else or on an error. */
function plainJson(session: Session, remote: RemoteObject | undefined): { readonly json: string } | undefined {
  if (remote?.type !== 'object' || !remote.objectId || (remote.subtype !== 'array' && remote.className !== 'Object')) return undefined;
  const text = post<{ result: RemoteObject }>(session, 'Runtime.callFunctionOn', {
    objectId: remote.objectId,
    functionDeclaration: 'function () { try { return JSON.stringify(this); } catch { return undefined; } }',
    returnByValue: true,
  }).result.value;
  return typeof text === 'string' ? { json: text } : undefined;
}

/** A scalar the compiler can hold; a string carrying a reference's marker is a reference, not a constant. */
function scalar(remote: RemoteObject | undefined): { readonly value: string | number | boolean | null } | undefined {
  if (!remote) return undefined;
  if (remote.type === 'object' && remote.subtype === 'null') return { value: null };
  if (remote.type === 'string' && typeof remote.value === 'string' && !hasMarkers(remote.value)) return { value: remote.value };
  if (remote.type === 'boolean' && typeof remote.value === 'boolean') return { value: remote.value };
  // NaN, the infinities and -0 come as `unserializableValue`, without `value`: not a CEL number.
  if (remote.type === 'number' && typeof remote.value === 'number' && Number.isFinite(remote.value)) return { value: remote.value };
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
