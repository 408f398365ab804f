/**
 * The instance record: what direct mode writes so that an instance knows which objects it owns, in the
 * shape of a Kubernetes ApplySet (KEP-3659). KRO keeps an ApplySet on the instance object; direct mode has
 * no instance object, so the parent is a ConfigMap per instance in the factory namespace. It lists every
 * group-kind (and namespace) the instance has ever applied and not yet pruned, so a redeploy can prune
 * objects of kinds the graph no longer has, and `deleteInstance` finds everything. Members carry the label
 * `applyset.kubernetes.io/part-of`, so `kubectl apply --prune --applyset=configmap/<name>` sees the same set.
 */
import { createHash } from 'node:crypto';
import { LABELS, type Ownership } from './labels.js';
import type { KubeObject } from './types.js';

export const APPLYSET = {
  id: 'applyset.kubernetes.io/id',
  partOf: 'applyset.kubernetes.io/part-of',
  tooling: 'applyset.kubernetes.io/tooling',
  groupKinds: 'applyset.kubernetes.io/contains-group-kinds',
  namespaces: 'applyset.kubernetes.io/additional-namespaces',
} as const;

/** TypeKro's own keys in the record. */
export const RECORD = {
  /** data: JSON list of the member kinds with the apiVersion used to list them. */
  kinds: 'kinds',
  /** annotation: set once the instance has been deployed successfully (a later failure is not a "first deploy"). */
  succeeded: 'typekro.dev/succeeded',
  /** annotation: the instance's generation (`schema.metadata.generation`), +1 on each deploy of a different spec. */
  generation: 'typekro.dev/generation',
  /** annotation: sha256 of the spec of the last deploy, to tell a new generation. */
  specHash: 'typekro.dev/spec-hash',
  /** annotation: the generation whose deploy last finished (applied, ready and pruned). */
  finished: 'typekro.dev/finished-generation',
  /** data: JSON {@link StoredSpec} of the last deploy (the generation's spec, secret values taken out). */
  spec: 'spec',
  /** data: JSON of the labels the last deploy gave the instance (`schema.metadata.labels`, as kro mode's instance object has them). */
  instanceLabels: 'instance-labels',
  /** data: JSON of the annotations the last deploy gave the instance (`schema.metadata.annotations`). */
  instanceAnnotations: 'instance-annotations',
} as const;

/**
 * The spec of the last deploy as the record keeps it, for `status` without a spec: with defaults, and with
 * the values of `unstored` (the secret spec paths, `*` any key or index) taken out, because the record is a
 * ConfigMap that anyone who may list ConfigMaps can read. What reads an unstored path is not known from it.
 */
export interface StoredSpec {
  readonly spec: unknown;
  readonly unstored: readonly (readonly string[])[];
}

export interface MemberKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/** What the record says: the member kinds and the namespaces of the members. */
export interface InstanceRecord {
  readonly name: string;
  readonly namespace: string;
  readonly kinds: readonly MemberKind[];
  /** Every namespace with members (the record's own namespace included). */
  readonly namespaces: readonly string[];
  readonly succeeded: boolean;
  /** The instance's generation: 0 before its first deploy. */
  readonly generation: number;
  /** sha256 of the spec of the last deploy. */
  readonly specHash?: string;
  /** The spec of generation `generation` without its secret values; absent in records written before it was kept. */
  readonly spec?: StoredSpec;
  /**
   * The generation whose deploy last finished: equal to `generation` when the last deploy finished, so the
   * objects are exactly its spec's (pruned). Absent when none finished, and in records written before it was
   * kept (they have only `succeeded`).
   */
  readonly finishedGeneration?: number;
  /** Server time the record was created (RFC 3339), when read from the cluster. */
  readonly createdAt?: string;
  /** The record's uid (the instance's `schema.metadata.uid`), when read from the cluster. */
  readonly uid?: string;
  /** The labels and annotations the last deploy gave the instance (direct mode's `schema.metadata.labels` / `annotations`). */
  readonly instanceLabels?: Readonly<Record<string, string>>;
  readonly instanceAnnotations?: Readonly<Record<string, string>>;
}

/**
 * The generation a deploy of `spec` gives the instance: unchanged for the same spec, else one more (the
 * first deploy is generation 1), as the API server counts a custom resource's spec changes.
 *
 * @example
 * ```ts
 * nextGeneration(undefined, { replicas: 2 }); // { generation: 1, specHash: '…' }
 * ```
 */
export function nextGeneration(previous: Pick<InstanceRecord, 'generation' | 'specHash'> | undefined, spec: unknown): { generation: number; specHash: string } {
  const specHash = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  const generation = previous?.specHash === specHash && previous.generation > 0 ? previous.generation : (previous?.generation ?? 0) + 1;
  return { generation, specHash };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const DNS_LABEL = /[^a-z0-9-]+/g;

function part(text: string): string {
  const clean = text.toLowerCase().replace(DNS_LABEL, '-').replace(/^-+|-+$/g, '') || 'x';
  return clean === text ? text : `${clean.slice(0, 40)}-${createHash('sha256').update(text).digest('hex').slice(0, 6)}`;
}

/** The record's ConfigMap name: `typekro.<composition>.<instance>` (a valid DNS subdomain). */
export function recordName(owner: Ownership): string {
  const name = `typekro.${part(owner.composition)}.${part(owner.instance)}`;
  return name.length <= 253 ? name : `typekro.${createHash('sha256').update(name).digest('hex').slice(0, 40)}`;
}

/** The ApplySet id of the instance: `applyset-<base64url(sha256(name.namespace.ConfigMap.))>-v1` as the KEP defines it. */
export function applySetId(owner: Ownership): string {
  const hash = createHash('sha256').update(`${recordName(owner)}.${owner.namespace}.ConfigMap.`).digest('base64url');
  return `applyset-${hash}-v1`;
}

const groupKind = (k: MemberKind): string => {
  const slash = k.apiVersion.indexOf('/');
  return slash < 0 ? k.kind : `${k.kind}.${k.apiVersion.slice(0, slash)}`;
};

/** Member kinds without duplicates (by group-kind; the later apiVersion wins), sorted. */
export function mergeKinds(...lists: readonly (readonly MemberKind[])[]): MemberKind[] {
  const byGroupKind = new Map<string, MemberKind>();
  for (const list of lists) for (const k of list) byGroupKind.set(groupKind(k), { apiVersion: k.apiVersion, kind: k.kind });
  return [...byGroupKind.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
}

/** The record as a ConfigMap manifest (everything deterministic, so re-applying an unchanged record is a no-op). */
export function recordManifest(owner: Ownership, record: Omit<InstanceRecord, 'name' | 'namespace' | 'createdAt' | 'uid'>): KubeObject {
  const kinds = mergeKinds(record.kinds);
  const additional = [...new Set(record.namespaces)].filter((ns) => ns !== owner.namespace).sort();
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: recordName(owner),
      namespace: owner.namespace,
      // Not the members' ownership labels: label queries for an instance's objects must not find its record.
      labels: { [APPLYSET.id]: applySetId(owner), [LABELS.managedBy]: 'typekro' },
      annotations: {
        [LABELS.composition]: owner.composition,
        [LABELS.instance]: owner.instance,
        [LABELS.instanceNamespace]: owner.namespace,
        [APPLYSET.tooling]: 'typekro/v1',
        [APPLYSET.groupKinds]: kinds.map(groupKind).join(','),
        [APPLYSET.namespaces]: additional.join(','),
        ...(record.succeeded ? { [RECORD.succeeded]: 'true' } : {}),
        ...(record.generation > 0 ? { [RECORD.generation]: String(record.generation) } : {}),
        ...(record.specHash ? { [RECORD.specHash]: record.specHash } : {}),
        ...(record.finishedGeneration !== undefined ? { [RECORD.finished]: String(record.finishedGeneration) } : {}),
      },
    },
    data: {
      [RECORD.kinds]: JSON.stringify(kinds),
      ...(record.spec ? { [RECORD.spec]: JSON.stringify(record.spec) } : {}),
      ...(record.instanceLabels && Object.keys(record.instanceLabels).length > 0 ? { [RECORD.instanceLabels]: JSON.stringify(record.instanceLabels) } : {}),
      ...(record.instanceAnnotations && Object.keys(record.instanceAnnotations).length > 0 ? { [RECORD.instanceAnnotations]: JSON.stringify(record.instanceAnnotations) } : {}),
    },
  };
}

/** Reads a record ConfigMap from the cluster; undefined when it is not one of ours. */
export function parseRecord(object: KubeObject | undefined): InstanceRecord | undefined {
  if (!object) return undefined;
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string; annotations?: Record<string, string>; creationTimestamp?: string; uid?: string };
  const annotations = metadata.annotations ?? {};
  if (annotations[APPLYSET.tooling] === undefined) return undefined;
  let kinds: MemberKind[] = [];
  try {
    const parsed = JSON.parse(String((object.data as Record<string, string> | undefined)?.[RECORD.kinds] ?? '[]')) as unknown;
    if (Array.isArray(parsed)) kinds = parsed.filter((k): k is MemberKind => typeof k?.apiVersion === 'string' && typeof k?.kind === 'string');
  } catch {
    kinds = [];
  }
  const namespace = metadata.namespace ?? '';
  const additional = (annotations[APPLYSET.namespaces] ?? '').split(',').filter(Boolean);
  return {
    name: metadata.name ?? '',
    namespace,
    kinds,
    namespaces: [...new Set([namespace, ...additional])],
    succeeded: annotations[RECORD.succeeded] === 'true',
    generation: Number.parseInt(annotations[RECORD.generation] ?? '0', 10) || 0,
    ...(annotations[RECORD.specHash] ? { specHash: annotations[RECORD.specHash] } : {}),
    ...finishedOf(annotations[RECORD.finished]),
    ...storedSpecOf((object.data as Record<string, string> | undefined)?.[RECORD.spec]),
    ...(metadata.creationTimestamp ? { createdAt: metadata.creationTimestamp } : {}),
    ...(metadata.uid ? { uid: metadata.uid } : {}),
    instanceLabels: stringMap((object.data as Record<string, string> | undefined)?.[RECORD.instanceLabels]),
    instanceAnnotations: stringMap((object.data as Record<string, string> | undefined)?.[RECORD.instanceAnnotations]),
  };
}

/** A record's finished generation; none when the annotation is absent (an older record) or not a number. */
function finishedOf(text: string | undefined): { finishedGeneration?: number } {
  const generation = text === undefined ? Number.NaN : Number.parseInt(text, 10);
  return Number.isInteger(generation) && generation > 0 ? { finishedGeneration: generation } : {};
}

/** A record's stored spec; none when the key is absent (an older record) or not what {@link recordManifest} writes. */
function storedSpecOf(text: string | undefined): { spec?: StoredSpec } {
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as { spec?: unknown; unstored?: unknown };
    const unstored = parsed.unstored;
    const valid = Array.isArray(unstored) && unstored.every((path) => Array.isArray(path) && path.every((segment) => typeof segment === 'string'));
    return valid && 'spec' in parsed ? { spec: { spec: parsed.spec, unstored: unstored as string[][] } } : {};
  } catch {
    return {};
  }
}

/** A JSON object of strings kept in a record (`{}` when absent or not one). */
function stringMap(json: string | undefined): Record<string, string> {
  if (json === undefined) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
