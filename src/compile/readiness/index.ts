/**
 * Readiness, defined once as CEL (rules.ts) and used by both modes: the RGD compiler writes a rule's
 * `ready` as the default `readyWhen` of a resource that has none, direct mode evaluates the same
 * expressions with its CEL engine, and the status of a live object is read with them too.
 */
import { E, type Expr } from '../../ir/expr.js';
import type { ResourceNode } from '../../ir/graph.js';
import { dynamic } from './dsl.js';
import type { ReadinessExprs, ReadinessRule } from './rule.js';
import { CUSTOM_RULE, FLUX_RULE, KIND_RULES } from './rules.js';

export type { ReadinessExprs, ReadinessRule } from './rule.js';

/** Kubernetes' own API groups: their kinds without a rule are ready once they exist (no controller reports on them). */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling']);
const isBuiltInGroup = (group: string): boolean => BUILT_IN_GROUPS.has(group) || group === 'k8s.io' || group.endsWith('.k8s.io');
const isFluxGroup = (group: string): boolean => group.endsWith('.toolkit.fluxcd.io');

/**
 * The readiness rule of a kind, or undefined when the kind is ready once it exists (ConfigMap, Secret,
 * RBAC, Ingress, ... any kind of Kubernetes' own API groups without a rule of its own).
 *
 * @example
 * ```ts
 * readinessRule('apps/v1', 'Deployment')?.name; // 'Deployment'
 * readinessRule('v1', 'ConfigMap'); // undefined
 * readinessRule('example.com/v1', 'Cache')?.name; // 'custom kinds'
 * ```
 */
export function readinessRule(apiVersion: string, kind: string): ReadinessRule | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const own = KIND_RULES.get(`${group}/${kind}`);
  if (own) return own;
  if (isFluxGroup(group)) return FLUX_RULE;
  return isBuiltInGroup(group) ? undefined : CUSTOM_RULE;
}

/**
 * The rule's expressions over the variable `self` names (a resource id, `each`, or any name bound to the
 * observed object), or undefined when the kind is ready once it exists.
 *
 * @example
 * ```ts
 * const exprs = kindReadiness('apps/v1', 'Deployment', 'web');
 * printCel(exprs!.ready); // 'dyn(web).?status.?observedGeneration.orValue(0) >= dyn(web).?metadata.?generation.orValue(0) && ...'
 * ```
 */
export function kindReadiness(apiVersion: string, kind: string, self: string): ReadinessExprs | undefined {
  return readinessRule(apiVersion, kind)?.build(dynamic(E.ident(self)));
}

/**
 * The rule of a graph resource, over its own variable (its id, or `each` for a collection); undefined for
 * an external reference (read, not managed: ready once it exists) and for kinds ready once they exist.
 *
 * @example
 * ```ts
 * resourceReadinessRule(graph.resources[0])?.ready; // the Expr written as the RGD's readyWhen
 * ```
 */
export function resourceReadinessRule(resource: ResourceNode): ReadinessExprs | undefined {
  if (resource.externalRef) return undefined;
  return kindReadiness(resource.apiVersion, resource.kind, resource.forEach.length > 0 ? 'each' : resource.id);
}

/**
 * The `readyWhen` an RGD gets for a resource: the user's when given, else the kind's rule, else none
 * (KRO's default: ready once it exists).
 *
 * @example
 * ```ts
 * effectiveReadyWhen(resource).map(printCel);
 * ```
 */
export function effectiveReadyWhen(resource: ResourceNode): readonly Expr[] {
  if (resource.readyWhen.length > 0) return resource.readyWhen;
  const rule = resourceReadinessRule(resource);
  return rule ? [rule.ready] : [];
}

/** Every rule with the kinds it applies to, for documentation (the README's table is checked against it). */
export function readinessTable(): readonly { readonly kinds: string; readonly means: string }[] {
  return [
    ...[...KIND_RULES.values()].map((rule) => ({ kinds: rule.name, means: rule.means })),
    { kinds: 'other Flux kinds (`*.toolkit.fluxcd.io`)', means: FLUX_RULE.means },
    { kinds: 'custom kinds (any other API group, nested KRO instances included)', means: CUSTOM_RULE.means },
  ];
}
