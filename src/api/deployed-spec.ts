/**
 * `status` of a direct instance computes the status fields and readiness from a spec, because the cluster
 * keeps only a hash of it (the spec may hold secrets). A spec other than the deployed one would make every
 * field computed from it describe an instance that does not exist, so it is refused; without a spec, those
 * fields are pending, not computed from defaults.
 */
import type { Expr } from '../ir/expr.js';
import { exprChildren } from '../ir/expr.js';
import { selectPath } from '../ir/rewrite.js';
import { isExprValue, type Value } from '../ir/value.js';
import { nextGeneration, type InstanceRecord } from '../runtime/engine/index.js';
import { TypeKroError } from '../util/errors.js';

/** Fails when `spec` is not the spec of the instance's last deploy (its record keeps the hash). */
export function checkDeployedSpec(name: string, record: Pick<InstanceRecord, 'generation' | 'specHash'> | undefined, spec: unknown): void {
  if (!record?.specHash || nextGeneration(record, spec).specHash === record.specHash) return;
  throw new TypeKroError(
    'SPEC_INVALID',
    `the spec given for instance "${name}" is not the one it was last deployed with (generation ${record.generation}): ` +
      'the status computed from it would describe another instance. Give the spec of the last deploy (the same file and --set values), or no spec to see the fields that do not read it',
  );
}

/** The paths of the status fields (as `resolveStatus` names them; a list is one field) whose expressions read the spec. */
export function specReadingFields(status: Value): string[] {
  const found: string[] = [];
  const visit = (node: Value, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (isExprValue(node) || Array.isArray(node)) {
      if (readsSpec(node)) found.push(path);
      return;
    }
    for (const [key, item] of Object.entries(node as Record<string, Value>)) visit(item, path ? `${path}.${key}` : key);
  };
  visit(status, '');
  return found;
}

/** `status` without the fields at `paths` (dotted, as {@link specReadingFields} gives them). */
export function withoutFields(status: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(status);
  for (const path of paths) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), copy);
    if (parent !== null && typeof parent === 'object') delete (parent as Record<string, unknown>)[keys.at(-1)!];
  }
  return copy;
}

function readsSpec(value: Value): boolean {
  if (isExprValue(value)) return exprReadsSpec(value.expr);
  if (Array.isArray(value)) return value.some(readsSpec);
  return value !== null && typeof value === 'object' && Object.values(value as Record<string, Value>).some(readsSpec);
}

function exprReadsSpec(expr: Expr): boolean {
  if (selectPath(expr, 'schema')?.path[0] === 'spec') return true;
  return exprChildren(expr).some(exprReadsSpec);
}
