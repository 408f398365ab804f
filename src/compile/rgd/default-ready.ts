/**
 * Readiness KRO cannot know by itself. KRO counts a resource as ready once it exists unless the RGD says
 * `readyWhen`; for Flux objects "exists" means nothing (the Helm install happens afterwards), so resources
 * of the Flux kinds below get Flux's own rule as their default `readyWhen`: Ready=True for the current
 * generation. Direct mode applies the same rule itself (runtime/engine/readiness.ts).
 */
import { E, type Expr } from '../../ir/expr.js';
import type { ResourceNode } from '../../ir/graph.js';
import { isPlainObject } from '../../util/json.js';

const FLUX_GROUPS = new Set(['source.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io']);

/** The default `readyWhen` of a resource without one, or undefined when KRO's "exists" is right. */
export function defaultReadyWhen(resource: ResourceNode): Expr[] | undefined {
  const group = resource.apiVersion.includes('/') ? resource.apiVersion.split('/')[0]! : '';
  if (!FLUX_GROUPS.has(group) || resource.externalRef) return undefined;
  // an OCI HelmRepository is never reconciled into conditions by source-controller: it is usable once it exists
  if (resource.kind === 'HelmRepository' && specType(resource) === 'oci') return undefined;
  const self = E.ident(resource.forEach.length > 0 ? 'each' : resource.id);
  const status = E.select(self, 'status', true);
  const observed = E.call('orValue', [E.int(0)], E.select(status, 'observedGeneration', true));
  const current = E.binary('==', observed, E.select(E.select(self, 'metadata'), 'generation'));
  const conditions = E.call('orValue', [E.list([])], E.select(status, 'conditions', true));
  const readyTrue = E.macro('exists', conditions, 'c', E.binary('&&', E.binary('==', E.path('c', 'type'), E.str('Ready')), E.binary('==', E.path('c', 'status'), E.str('True'))));
  return [E.binary('&&', current, readyTrue)];
}

function specType(resource: ResourceNode): unknown {
  const template = resource.template;
  if (!isPlainObject(template)) return undefined;
  const spec = (template as Record<string, unknown>)['spec'];
  return isPlainObject(spec) ? (spec as Record<string, unknown>)['type'] : undefined;
}
