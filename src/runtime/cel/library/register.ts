/** The small surface of cel-js's Environment the libraries use, and a shared error helper. */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';
import { compareTimestamps } from './timestamp-detail.js';

/** Registers one overload by its cel-js signature, e.g. `string.charAt(int): string`. */
export type Register = (signature: string, handler: (...args: never[]) => unknown) => void;

export function registrar(env: Environment): Register {
  return (signature, handler) => {
    env.registerFunction(signature, handler as (...args: unknown[]) => unknown);
  };
}

/**
 * A namespace object such as `base64` or `random`: cel-js has no dotted function names, so the namespace is
 * a constant of its own type and the functions are receiver calls on it (cel-facts §1).
 */
export function registerNamespace(env: Environment, name: string): string {
  const typeName = `Kro${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Namespace`;
  const ctor = { [typeName]: class {} }[typeName]!;
  env.registerType(typeName, ctor);
  env.registerConstant(name, typeName, new ctor());
  return typeName;
}

/** An evaluation error from one of our functions (fatal: the code is not one of the pending codes). */
export function celError(message: string): EvaluationError {
  return new EvaluationError({ code: 'function_error', message });
}

/** CEL ordering for the comparable kinds (int, uint, double, string, bool, timestamp); cross-numeric allowed. */
export function compareCel(a: unknown, b: unknown): number {
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return compareTimestamps(a, b);
  throw celError(`no such overload: cannot compare ${describe(a)} with ${describe(b)}`);
}

function isNumeric(value: unknown): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

/** Go compares strings bytewise in UTF-8, which is code point order (JS `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]!.codePointAt(0) ?? 0) - (y[i]!.codePointAt(0) ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : typeof value;
}

/** CEL equality for list searches (`indexOf`, `distinct`): structural, int and double compared by value. */
export function celEquals(a: unknown, b: unknown): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    return typeof a === typeof b ? a === b : Number(a) === Number(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item: unknown, i) => celEquals(item, b[i]));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (a instanceof Date && b instanceof Date) return compareTimestamps(a, b) === 0;
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && celEquals(a[k], b[k]));
  }
  return a === b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
