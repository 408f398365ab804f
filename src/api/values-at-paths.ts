/**
 * Plain values (a spec, an object from the cluster, a status) read, copied and pruned at a {@link SpecPath},
 * where `*` is any list index or map key: what the redactors of sensitive.ts collect and take out.
 */
import { REDACTED } from '../util/redact.js';
import { ANY, type SpecPath } from './secret-flow.js';

/** Whether `value` has anything at `path` (`*` matches any present child). */
export function present(value: unknown, path: SpecPath): boolean {
  if (path.length === 0) return value !== undefined && value !== null;
  if (typeof value !== 'object' || value === null) return false;
  const [head, ...rest] = path;
  const children = head === ANY ? Object.values(value) : [(value as Record<string, unknown>)[head!]];
  return children.some((child) => present(child, rest));
}

/** A copy of `value` with the string at `path` (if it is one) replaced by `[redacted]`. */
export function replaceString(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return typeof value === 'string' ? REDACTED : value;
  if (typeof value !== 'object' || value === null || !(path[0]! in value)) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
  copy[path[0]!] = replaceString(copy[path[0]!], path.slice(1));
  return copy;
}

/** Every string inside `value` (numbers and booleans are not secrets a message could reveal on their own). */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringLeaves);
  return [];
}

export function valuesAt(value: unknown, path: SpecPath): string[] {
  if (path.length === 0) return stringLeaves(value);
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path;
  const children = head === ANY ? Object.values(value) : [(value as Record<string, unknown>)[head!]];
  return children.flatMap((child) => valuesAt(child, rest));
}

/** `value` without what is at `path` (`*` every key or index; a path ending in `*` takes its parent whole). */
export function withoutPath(value: unknown, path: SpecPath): unknown {
  if (typeof value !== 'object' || value === null || path.length === 0) return value;
  const [head, ...rest] = path;
  if (rest.length === 0 || (rest.length === 1 && rest[0] === ANY)) {
    if (!Array.isArray(value) && head !== ANY) delete (value as Record<string, unknown>)[head!];
    else if (head === ANY && !Array.isArray(value)) for (const key of Object.keys(value)) delete (value as Record<string, unknown>)[key];
    else if (Array.isArray(value)) value.length = 0;
    return value;
  }
  const children = head === ANY ? Object.keys(value) : [head!];
  for (const key of children) (value as Record<string, unknown>)[key] = withoutPath((value as Record<string, unknown>)[key], rest);
  return value;
}
