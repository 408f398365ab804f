/**
 * The kinds KRO has recorded on an instance, its ApplySet parent (KEP-3659): KRO writes the group-kinds of
 * every child it applied to `applyset.kubernetes.io/contains-group-kinds` ("ConfigMap,Deployment.apps") and
 * prunes by that list (kro v0.9 `applyset.go`, `parentAnnotationSets`), not by the kinds of the current
 * graph. A resource removed from the graph whose kind no other resource has (a ServiceAccount from a YAML
 * file dropped) is still pruned: a plan that lists children only by the new graph's kinds misses it.
 */
import type { KubeObject } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import type { ChildKind } from './children.js';

/** KRO's annotation on the instance that lists its children's group-kinds. */
export const APPLYSET_GROUP_KINDS = 'applyset.kubernetes.io/contains-group-kinds';

/** A group-kind without a version, as the ApplySet annotation names it (`group` is '' for the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/**
 * The group-kinds the instance's ApplySet annotation lists, parsed as KRO parses it (`Kind` or `Kind.group`).
 *
 * @example
 * ```ts
 * recordedGroupKinds({ metadata: { annotations: { 'applyset.kubernetes.io/contains-group-kinds': 'ConfigMap,Deployment.apps' } } });
 * // => [{ group: '', kind: 'ConfigMap' }, { group: 'apps', kind: 'Deployment' }]
 * ```
 */
export function recordedGroupKinds(instance: KubeObject | undefined): GroupKind[] {
  const raw = ((instance?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {})[APPLYSET_GROUP_KINDS] ?? '';
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const dot = entry.indexOf('.');
      return dot < 0 ? { group: '', kind: entry } : { group: entry.slice(dot + 1), kind: entry.slice(0, dot) };
    })
    .filter((gk) => gk.kind !== '');
}

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/**
 * The kinds to list the instance's children by: `known` (the graph's, whose versions the plan renders) and
 * every group-kind KRO recorded on the instance that `known` lacks, at its group's preferred version
 * (discovery: one read per such group). A group the cluster no longer serves has no objects to list.
 *
 * @example
 * ```ts
 * await childKindsOf(client, liveInstance, [{ apiVersion: 'v1', kind: 'ConfigMap' }], call);
 * // => [{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'ServiceAccount' }]
 * ```
 */
export async function childKindsOf(client: KubeClient, instance: KubeObject | undefined, known: readonly ChildKind[], call: CallOptions): Promise<ChildKind[]> {
  const have = new Set(known.map((k) => `${groupOf(k.apiVersion)}/${k.kind}`));
  const missing = recordedGroupKinds(instance).filter((gk) => !have.has(`${gk.group}/${gk.kind}`));
  const extra = await Promise.all(
    missing.map(async (gk): Promise<ChildKind | undefined> => {
      if (gk.group === '') return { apiVersion: 'v1', kind: gk.kind };
      const group = (await client.readPath(`/apis/${gk.group}`, call)) as { preferredVersion?: { groupVersion?: string } } | undefined;
      const version = group?.preferredVersion?.groupVersion;
      return version ? { apiVersion: version, kind: gk.kind } : undefined;
    }),
  );
  return [...known, ...extra.filter((k): k is ChildKind => k !== undefined)];
}
