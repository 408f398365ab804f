/**
 * Finding what an instance owns in the cluster, for `status`, `logs`, `delete` and `plan`. Direct mode
 * labels every object it applies (`typekro.dev/*`); KRO labels its children (`kro.run/*`, kro-facts §6).
 */
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { KubeClient } from '../runtime/kube/client.js';
import { listByLabel } from '../runtime/kube/list.js';
import type { AnyComposition } from './load.js';
import type { Mode } from './options.js';

/**
 * The labels direct mode puts on what it applies (runtime/engine/manifest.ts `LABELS`, which the CLI layer may
 * not import); test/cli/render.test.ts checks them against rendered manifests.
 */
export const DIRECT_LABELS = {
  composition: 'typekro.dev/composition',
  instance: 'typekro.dev/instance',
  instanceNamespace: 'typekro.dev/instance-namespace',
  resourceId: 'typekro.dev/resource-id',
} as const;

export const KRO_LABELS = {
  instance: 'kro.run/instance-name',
  instanceNamespace: 'kro.run/instance-namespace',
  instanceKind: 'kro.run/instance-kind',
  resourceId: 'kro.run/node-id',
} as const;

export interface InstanceId {
  readonly mode: Mode;
  readonly name: string;
  readonly namespace: string;
}

export function ownershipSelector(composition: AnyComposition, id: InstanceId): string {
  if (id.mode === 'direct') {
    return `${DIRECT_LABELS.composition}=${composition.graph.name},${DIRECT_LABELS.instance}=${id.name},${DIRECT_LABELS.instanceNamespace}=${id.namespace}`;
  }
  return `${KRO_LABELS.instance}=${id.name},${KRO_LABELS.instanceNamespace}=${id.namespace},${KRO_LABELS.instanceKind}=${composition.graph.kind}`;
}

export function resourceIdOf(object: KubernetesObject, mode: Mode): string {
  return object.metadata?.labels?.[mode === 'direct' ? DIRECT_LABELS.resourceId : KRO_LABELS.resourceId] ?? '';
}

/** The instance custom resource (KRO mode). */
export function instanceRef(composition: AnyComposition, id: InstanceId): { apiVersion: string; kind: string; name: string; namespace?: string } {
  const graph = composition.graph;
  return { apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind, name: id.name, ...(graph.scope === 'Cluster' ? {} : { namespace: id.namespace }) };
}

/** The kinds the graph creates, once each (external references are not owned). */
function ownedKinds(composition: AnyComposition): { apiVersion: string; kind: string }[] {
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const resource of composition.graph.resources) {
    if (!resource.externalRef) kinds.set(`${resource.apiVersion}/${resource.kind}`, { apiVersion: resource.apiVersion, kind: resource.kind });
  }
  return [...kinds.values()];
}

/** Every object the instance owns, in the graph's resource order. A kind the cluster does not serve has none. */
export async function ownedObjects(config: KubeConfig, composition: AnyComposition, id: InstanceId): Promise<KubernetesObject[]> {
  const selector = ownershipSelector(composition, id);
  const lists = await Promise.all(
    ownedKinds(composition).map((kind) =>
      listByLabel(config, kind.apiVersion, kind.kind, selector).catch((error: unknown) => {
        if ((error as { status?: number }).status === 404) return [];
        throw error;
      }),
    ),
  );
  const order = new Map(composition.graph.resources.map((resource, index) => [resource.id, index]));
  const rank = (object: KubernetesObject): number => order.get(resourceIdOf(object, id.mode)) ?? order.size;
  return lists.flat().sort((a, b) => rank(a) - rank(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

export function kubeClient(config: KubeConfig): KubeClient {
  return new KubeClient(config);
}
