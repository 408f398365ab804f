/**
 * Offline rendering for `toYaml(spec)`: the manifests deploy() would apply, as far as the spec decides
 * them. A resource that reads another resource sees that resource's *rendered manifest* in place of the
 * live object, so `deployment.metadata.name` resolves; anything only the cluster knows (status, uid,
 * server defaults) makes rendering fail with a message naming the field.
 */
import { finalizeManifest, isNamespacedKindOffline, planInstance, type InstanceIdentity, type KubeObject, type Ownership, type PreparedGraph } from '../engine/index.js';
import { OfflineRenderError } from './errors.js';

/**
 * @example
 * ```ts
 * renderOffline(prepared, spec, { name: 'web', namespace: 'default' }, owner); // [deployment, service]
 * ```
 * @throws OfflineRenderError naming the resource and the expression that needs live data.
 */
export function renderOffline(prepared: PreparedGraph, spec: unknown, instance: InstanceIdentity, owner: Ownership): KubeObject[] {
  const observed = new Map<string, KubeObject | KubeObject[]>();
  const rendered = new Map<string, KubeObject[]>();
  for (;;) {
    const plan = planInstance(prepared, { spec, instance, observed, readiness: 'exists' });
    let progressed = false;
    for (const id of plan.order) {
      const node = plan.nodes.get(id);
      if (node?.state === 'error') throw new OfflineRenderError(`resource "${id}": ${node.message}`, id);
      if (node?.state !== 'apply' || rendered.has(id)) continue;
      const manifests = node.manifests.map((m) => finalizeManifest(m, id, owner, isNamespacedKindOffline(String(m.apiVersion), String(m.kind))));
      rendered.set(id, manifests);
      observed.set(id, node.collection ? manifests : manifests[0]!);
      progressed = true;
    }
    if (progressed) continue;
    const blocked = [...plan.nodes.values()].filter((n) => n.state === 'pending' || n.state === 'waiting' || n.state === 'external');
    if (blocked.length > 0) {
      const lines = blocked.map((n) => `  - ${n.id}: ${n.state === 'external' ? 'reads an external reference' : 'reason' in n ? n.reason : ''}`);
      throw new OfflineRenderError(
        `cannot render offline: these resources need data that only exists in the cluster (use deploy()):\n${lines.join('\n')}`,
        blocked[0]?.id,
      );
    }
    return plan.order.flatMap((id) => rendered.get(id) ?? []);
  }
}
