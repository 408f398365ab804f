/**
 * The kinds a kro-mode plan looks for the instance's children in: the new graph's, and those of the RGD the
 * cluster has now. A resource removed from the composition whose kind no other resource uses was not
 * listed, so `plan` said "0 to delete" while KRO deleted its object (trial 19 F5); direct mode reads the
 * kinds of its instance record for the same reason.
 */
import type { KubeObject } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import type { ChildKind } from './children.js';

/**
 * The kinds of `rgd`'s resource templates (external references are read, never owned).
 *
 * @example
 * ```ts
 * rgdChildKinds({ spec: { resources: [{ id: 'a', template: { apiVersion: 'v1', kind: 'Secret' } }] } }); // => [{ apiVersion: 'v1', kind: 'Secret' }]
 * ```
 */
export function rgdChildKinds(rgd: KubeObject | undefined): ChildKind[] {
  const resources = ((rgd?.spec as { resources?: unknown } | undefined)?.resources ?? []) as readonly { template?: { apiVersion?: unknown; kind?: unknown } }[];
  return resources.flatMap((resource) => {
    const { apiVersion, kind } = resource.template ?? {};
    return typeof apiVersion === 'string' && typeof kind === 'string' ? [{ apiVersion, kind }] : [];
  });
}

/**
 * `kinds` and the kinds of the live RGD `name`, each once.
 *
 * @example
 * ```ts
 * const kinds = await withLiveRgdKinds(client, 'webapp', graphKinds, call);
 * ```
 */
export async function withLiveRgdKinds(client: KubeClient, name: string, kinds: readonly ChildKind[], call: CallOptions): Promise<ChildKind[]> {
  const live = await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name }, call);
  return mergeChildKinds(kinds, rgdChildKinds(live ? (JSON.parse(JSON.stringify(live)) as KubeObject) : undefined));
}

/**
 * @example
 * ```ts
 * mergeChildKinds([{ apiVersion: 'v1', kind: 'ConfigMap' }], [{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'Secret' }]).length; // => 2
 * ```
 */
export function mergeChildKinds(first: readonly ChildKind[], second: readonly ChildKind[]): ChildKind[] {
  const seen = new Map<string, ChildKind>();
  for (const kind of [...first, ...second]) seen.set(`${kind.apiVersion}/${kind.kind}`, kind);
  return [...seen.values()];
}
