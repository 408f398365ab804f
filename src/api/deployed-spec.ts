/**
 * `status` of a direct instance computes the status fields and readiness from a spec: the one given, else the
 * one its record keeps (secret values taken out; older records keep only a hash). A spec other than the deployed one would make every
 * field computed from it describe an instance that does not exist, so it is refused; without a spec, those
 * fields are pending, not computed from defaults.
 */
import type { Expr } from '../ir/expr.js';
import type { CompositionGraph } from '../ir/graph.js';
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
export function specReadingFields(status: Value, reads: (expr: Expr) => boolean = exprReadsSpec): string[] {
  const found: string[] = [];
  const visit = (node: Value, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (isExprValue(node) || Array.isArray(node)) {
      if (exprLeavesOf(node).some(reads)) found.push(path);
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

/**
 * The resources whose existence or count the spec decides (an includeWhen or forEach reading it), and those
 * depending on one of them (skipped with it): without the spec of the last deploy, whether such a resource
 * should have objects, and how many, is not known (the schema's defaults would describe another instance).
 * A resource whose template alone reads the spec always exists: without objects it is missing.
 */
export function specDecidedResources(graph: CompositionGraph, reads: (expr: Expr) => boolean = exprReadsSpec): Set<string> {
  const decided = new Set<string>();
  for (const resource of graph.resources) {
    if (resource.includeWhen.some(reads) || resource.forEach.some((d) => reads(d.source))) decided.add(resource.id);
  }
  // until no dependent is added (a few passes: dependency chains are short)
  for (let grew = true; grew; ) {
    grew = false;
    for (const resource of graph.resources) {
      if (decided.has(resource.id)) continue;
      const reads = (expr: Expr): boolean => exprReadsAny(expr, decided);
      if (resource.dependsOn.some((id) => decided.has(id)) || resource.includeWhen.some(reads) || resource.forEach.some((d) => reads(d.source)) || (resource.template !== undefined && readsAny(resource.template, decided))) {
        decided.add(resource.id);
        grew = true;
      }
    }
  }
  return decided;
}

function readsAny(value: Value, ids: ReadonlySet<string>): boolean {
  if (isExprValue(value)) return exprReadsAny(value.expr, ids);
  if (Array.isArray(value)) return value.some((item) => readsAny(item, ids));
  return value !== null && typeof value === 'object' && Object.values(value as Record<string, Value>).some((item) => readsAny(item, ids));
}

function exprReadsAny(expr: Expr, ids: ReadonlySet<string>): boolean {
  if (expr.kind === 'ident' && ids.has(expr.name)) return true;
  return exprChildren(expr).some((child) => exprReadsAny(child, ids));
}

/** The expressions of a status field (one expression, or a list holding some). */
function exprLeavesOf(value: Value): Expr[] {
  if (isExprValue(value)) return [value.expr];
  if (Array.isArray(value)) return value.flatMap(exprLeavesOf);
  return value !== null && typeof value === 'object' ? Object.values(value as Record<string, Value>).flatMap(exprLeavesOf) : [];
}

function exprReadsSpec(expr: Expr): boolean {
  if (selectPath(expr, 'schema')?.path[0] === 'spec') return true;
  return exprChildren(expr).some(exprReadsSpec);
}
