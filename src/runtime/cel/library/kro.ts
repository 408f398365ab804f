/**
 * kro's `runtime` and `omit` libraries (pkg/cel/library/runtime.go, omit.go): `runtime.newCondition({type,
 * status, reason, message})` builds a status condition (its literal keys are quoted at compile time, see
 * `rewrite.ts`), `runtime.condition(obj, type)` finds one in `obj.status.conditions` (an empty condition
 * when absent), and `omit()` is the sentinel that removes a template field.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';

const STATUSES = new Set(['True', 'False', 'Unknown']);

/** A condition value; its fields read like a map's (a missing one is cel-go's "no such field"). */
export class KroCondition {
  static readonly celTypeName = 'kro.run.Condition';
  constructor(
    readonly type: string,
    readonly status: string,
    readonly reason: string,
    readonly message: string,
  ) {}
}

/** The `omit()` sentinel. */
export class KroOmit {
  static readonly celTypeName = 'kro.omit';
}

export const OMIT = new KroOmit();

class KroRuntime {
  static readonly celTypeName = 'kro.run.Runtime';
}

export function registerKro(env: Environment): void {
  const fn = registrar(env);
  env.registerType('kro.run.Condition', KroCondition);
  env.registerType('kro.omit', KroOmit);
  env.registerType('kro.run.Runtime', KroRuntime);
  env.registerConstant('runtime', 'kro.run.Runtime', new KroRuntime());
  fn('kro.run.Runtime.newCondition(map): kro.run.Condition', (_: unknown, m: unknown) => newCondition(m));
  fn('kro.run.Runtime.condition(dyn, string): kro.run.Condition', (_: unknown, obj: unknown, type: string) => findCondition(obj, type));
  fn('omit(): dyn', () => OMIT);
  const incomparable = () => {
    throw celError('omit() is a field-removal sentinel and cannot be compared');
  };
  env.registerOperator('kro.omit == kro.omit', incomparable);
}

function entries(m: unknown): [unknown, unknown][] {
  if (m instanceof Map) return [...(m as Map<unknown, unknown>)];
  if (typeof m === 'object' && m !== null) return Object.entries(m);
  throw celError('runtime.newCondition: argument must be a map');
}

function newCondition(m: unknown): KroCondition {
  const fields: Record<string, string> = { type: '', status: '', reason: '', message: '' };
  for (const [key, value] of entries(m)) {
    if (typeof value !== 'string') throw celError(`runtime.newCondition: ${String(key)} must be a string`);
    if (key === 'type' && value === '') throw celError('runtime.newCondition: type must not be empty');
    if (key === 'status' && !STATUSES.has(value)) throw celError(`runtime.newCondition: status must be one of True, False, Unknown (got ${JSON.stringify(value)})`);
    if (typeof key === 'string' && key in fields) fields[key] = value;
  }
  return new KroCondition(fields.type!, fields.status!, fields.reason!, fields.message!);
}

function get(m: unknown, key: string): unknown {
  if (m instanceof Map) return (m as Map<unknown, unknown>).get(key);
  if (typeof m === 'object' && m !== null && !Array.isArray(m)) return (m as Record<string, unknown>)[key];
  return undefined;
}

function findCondition(obj: unknown, wanted: string): KroCondition {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw celError('runtime.condition: obj must be an object');
  const status = get(obj, 'status');
  if (status === undefined) return new KroCondition('', '', '', '');
  if (typeof status !== 'object' || status === null || Array.isArray(status)) throw celError('runtime.condition: obj.status must be an object');
  const conditions = get(status, 'conditions');
  if (conditions === undefined) return new KroCondition('', '', '', '');
  if (!Array.isArray(conditions)) throw celError('runtime.condition: obj.status.conditions must be a list');
  for (const item of conditions as unknown[]) {
    const condition = item instanceof KroCondition ? item : fromMap(item);
    if (condition.type === wanted) return condition;
  }
  return new KroCondition('', '', '', '');
}

function fromMap(m: unknown): KroCondition {
  if (typeof m !== 'object' || m === null) throw celError('runtime.condition: unexpected condition element');
  const read = (key: string) => {
    const value = get(m, key);
    return typeof value === 'string' ? value : '';
  };
  return new KroCondition(read('type'), read('status'), read('reason'), read('message'));
}
