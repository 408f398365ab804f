/**
 * Snapshots of the objects an instance owns, normalised so that the two modes can be compared: fields the
 * API server fills in (uid, resourceVersion, cluster IPs, ...) and each tool's own labels and annotations go.
 */
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import type { CompositionGraph } from '../../src/index.js';
import { listByLabel } from '../../src/runtime/kube/list.js';

const TOOL_PREFIXES = ['kro.run/', 'applyset.kubernetes.io/', 'typekro.dev/', 'internal.kro.run/'];
const GENERATED_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name', 'app.kubernetes.io/managed-by'];
const SERVER_ANNOTATIONS = ['deployment.kubernetes.io/revision', 'kubectl.kubernetes.io/last-applied-configuration'];

export type Snapshot = Record<string, unknown>;

/** Objects of every kind in the graph carrying `selector`, in `namespace` (or cluster-scoped), keyed kind/name. */
export async function snapshot(kc: KubeConfig, graph: CompositionGraph, selector: string, namespace: string): Promise<Snapshot> {
  const result: Snapshot = {};
  const kinds = new Map(graph.resources.filter((r) => !r.externalRef).map((r) => [`${r.apiVersion}/${r.kind}`, r]));
  for (const resource of kinds.values()) {
    const objects = await listByLabel(kc, resource.apiVersion, resource.kind, selector);
    for (const object of objects) {
      const ns = object.metadata?.namespace;
      if (ns && ns !== namespace) continue;
      result[`${resource.kind}/${object.metadata?.name}`] = normalise(object);
    }
  }
  return result;
}

function normalise(object: KubernetesObject): unknown {
  const copy = structuredClone(object) as KubernetesObject & { status?: unknown; spec?: Record<string, unknown> };
  delete copy.status;
  const metadata = (copy.metadata ?? {}) as Record<string, unknown>;
  for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'finalizers', 'selfLink']) delete metadata[field];
  metadata.labels = withoutKeys(metadata.labels, (key) => TOOL_PREFIXES.some((p) => key.startsWith(p)) || GENERATED_LABELS.includes(key));
  metadata.annotations = withoutKeys(metadata.annotations, (key) => TOOL_PREFIXES.some((p) => key.startsWith(p)) || SERVER_ANNOTATIONS.includes(key));
  if (copy.kind === 'Service' && copy.spec) {
    delete copy.spec.clusterIP;
    delete copy.spec.clusterIPs;
  }
  if (copy.kind === 'Job' && copy.spec) {
    delete copy.spec.selector;
    const template = copy.spec.template as { metadata?: { labels?: unknown } } | undefined;
    if (template?.metadata) template.metadata.labels = withoutKeys(template.metadata.labels, (key) => GENERATED_LABELS.includes(key));
  }
  return maskAddresses(copy);
}

/** Cluster IPs are allocated per object, so values derived from them (a recorded address) differ by design. */
export function maskAddresses(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>');
  if (Array.isArray(value)) return value.map(maskAddresses);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskAddresses(item)]));
  return value;
}

function withoutKeys(map: unknown, drop: (key: string) => boolean): Record<string, string> | undefined {
  if (!map || typeof map !== 'object') return undefined;
  const kept = Object.entries(map as Record<string, string>).filter(([key]) => !drop(key));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
