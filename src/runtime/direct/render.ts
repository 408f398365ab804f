/**
 * Offline rendering for `toYaml(spec)`: the manifests deploy() would apply, as far as the spec decides
 * them. A resource that reads another resource sees that resource's *rendered manifest* in place of the
 * live object, so `deployment.metadata.name` resolves; anything only the cluster knows (status, uid,
 * server defaults: every field the manifest does not set) makes rendering fail with a message naming the
 * field, whatever surrounds the read (`??`, `?.`, `has()`, `||`: offline they would see the field absent,
 * the cluster fills it in; see `cel/stand-in.ts`).
 */
import { checkObjectNames, createPlanCache, finalizeManifest, isNamespacedKindOffline, planInstance, type InstanceIdentity, type InstancePlan, type KubeObject, type NodePlan, type Ownership, type PreparedGraph } from '../engine/index.js';
import type { OpenApiSchema } from '../cel/index.js';
import { DeployFailedError, OfflineRenderError } from './errors.js';

/** What the spec alone decides: the final plan, each rendered resource's manifests, and what needs the cluster. */
export interface OfflineRendering {
  /** The last round's plan (readiness `exists`: a rendered resource stands in for its live object). */
  readonly plan: InstancePlan;
  /** Direct mode's manifests (labels and namespace added) by resource id, in dependency order. */
  readonly rendered: ReadonlyMap<string, readonly KubeObject[]>;
  /** Resources that read data only a cluster has (pending, waiting behind one, or an external reference). */
  readonly blocked: readonly NodePlan[];
}

/**
 * Renders every resource the spec decides, and reports the others instead of failing (the test kit's
 * `render` shows both). `schemas` (by resource id: `model/observed-schema.ts`) type each stand-in as the
 * cluster types the live object (a Secret's `data` is bytes: `string(creds.data.token)` is the token, not
 * its base64 text).
 *
 * @example
 * ```ts
 * renderAsFarAsOffline(prepared, spec, { name: 'web', namespace: 'default' }, owner).blocked; // []
 * ```
 */
export function renderAsFarAsOffline(prepared: PreparedGraph, spec: unknown, instance: InstanceIdentity, owner: Ownership, schemas?: ReadonlyMap<string, OpenApiSchema>): OfflineRendering {
  const observed = new Map<string, KubeObject | KubeObject[]>();
  const rendered = new Map<string, KubeObject[]>();
  // Rendered objects are set once and never replaced: a resource whose inputs were rendered in an earlier
  // round keeps its decision instead of being evaluated again.
  const cache = createPlanCache();
  for (;;) {
    const plan = planInstance(prepared, { spec, instance, observed, readiness: 'exists', standIns: true, ...(schemas ? { schemas } : {}) }, cache);
    let progressed = false;
    for (const id of plan.order) {
      const node = plan.nodes.get(id);
      if (node?.state !== 'apply' || rendered.has(id)) continue;
      const manifests = node.manifests.map((m) => finalizeManifest(m, id, owner, isNamespacedKindOffline(String(m.apiVersion), String(m.kind))));
      rendered.set(id, manifests);
      observed.set(id, node.collection ? manifests : manifests[0]!);
      progressed = true;
    }
    if (progressed) continue;
    const blocked = [...plan.nodes.values()].filter((n) => n.state === 'pending' || n.state === 'waiting' || n.state === 'external');
    const ordered = new Map(plan.order.filter((id) => rendered.has(id)).map((id) => [id, rendered.get(id)!]));
    return { plan, rendered: ordered, blocked };
  }
}

/**
 * @example
 * ```ts
 * renderOffline(prepared, spec, { name: 'web', namespace: 'default' }, owner); // [deployment, service]
 * ```
 * @throws OfflineRenderError naming the resource and the expression that needs live data;
 * InvalidObjectNameError for a name the API server would refuse (`redact` takes secrets out of the names quoted).
 */
export function renderOffline(prepared: PreparedGraph, spec: unknown, instance: InstanceIdentity, owner: Ownership, redact?: (text: string) => string, schemas?: ReadonlyMap<string, OpenApiSchema>): KubeObject[] {
  const { plan, rendered, blocked } = renderAsFarAsOffline(prepared, spec, instance, owner, schemas);
  for (const id of plan.order) {
    const node = plan.nodes.get(id);
    // An expression that fails for this spec fails the deploy the same way: not data the cluster would bring.
    if (node?.state === 'error') throw new DeployFailedError(`resource "${id}": ${node.message}`, id);
  }
  // The API server would refuse these manifests: rendering fails as a deploy would (first: what the
  // cluster would complete cannot fix a name the spec broke).
  checkObjectNames(prepared, [...rendered].flatMap(([resourceId, manifests]) => manifests.map((manifest) => ({ resourceId, manifest }))), redact ? { redact } : {});
  if (blocked.length > 0) {
    const lines = blocked.map((n) => `  - ${n.id}: ${n.state === 'external' ? 'reads an external reference' : 'reason' in n ? n.reason : ''}`);
    throw new OfflineRenderError(`cannot render offline: these resources need data that only exists in the cluster (use deploy()):\n${lines.join('\n')}`, blocked[0]?.id);
  }
  return [...rendered.values()].flat();
}
