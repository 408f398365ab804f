/**
 * Resource ids. An explicit `id` wins; otherwise the variable the resource is assigned to
 * (`const database = ...` → `database`); otherwise one derived from kind and literal name.
 */
import { isRef } from '../model/refs.js';
import type { ResourceRecord } from '../model/resource.js';

const VALID_ID = /^[a-z][a-zA-Z0-9]*$/;

/** `taken` holds the ids in use; the run keeps it (rebuilding it per resource would be quadratic). */
export function assignId(record: ResourceRecord, declaredAs: string | undefined, taken: ReadonlySet<string>): string {
  if (record.explicitId) return record.id;
  const preferred = declaredAs && VALID_ID.test(declaredAs) && !taken.has(declaredAs) ? declaredAs : undefined;
  if (preferred) return preferred;
  const base = derivedId(record);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

function derivedId(record: ResourceRecord): string {
  const kind = record.kind.charAt(0).toLowerCase() + record.kind.slice(1);
  const name = (record.manifest.metadata as { name?: unknown } | undefined)?.name ?? record.external?.name;
  if (typeof name !== 'string' || isRef(name) || name.includes('\u0001')) return kind;
  const words = name.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  return kind + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}
