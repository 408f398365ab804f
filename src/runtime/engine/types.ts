/** Data the planner consumes and produces. Plain JSON objects in, plain decisions out. */

/** A Kubernetes object as JSON (what the API server returns, or a rendered manifest). */
export type KubeObject = Record<string, unknown>;

/** Objects observed in the cluster by resource id: one object, or a list for a forEach collection. */
export type Observed = ReadonlyMap<string, KubeObject | readonly KubeObject[]>;

/**
 * How readiness is decided:
 * - `kind`: `readyWhen`, else the kind's rule (compile/readiness: the same CEL the RGD gets), the default;
 * - `exists`: ready once it exists, and `readyWhen` is ignored too (`waitForReady: false`).
 */
export type ReadinessMode = 'kind' | 'exists';

/** The instance the graph is rendered for. */
export interface InstanceIdentity {
  readonly name: string;
  /** Absent for a cluster-scoped composition. */
  readonly namespace?: string;
}

export interface PlanInput {
  /** The validated spec with defaults applied (plain JSON). */
  readonly spec: unknown;
  readonly instance: InstanceIdentity;
  readonly observed: Observed;
  readonly readiness?: ReadinessMode;
}

export interface Readiness {
  readonly ready: boolean;
  /** Why not (or `ready`), for progress messages and timeouts. */
  readonly reason: string;
  /** True when waiting longer cannot help: a readyWhen expression failed, or the kind's rule reports a terminal failure. */
  readonly failed?: boolean;
}

/** A resolved external reference. */
export interface ExternalTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The planner's decision for one resource. */
export type NodePlan =
  | { readonly id: string; readonly state: 'skipped'; readonly reason: string; readonly ready: true }
  /** A dependency is not ready yet. */
  | { readonly id: string; readonly state: 'waiting'; readonly on: readonly string[]; readonly reason: string; readonly ready: false }
  /** An expression reads data that is not there yet (KRO: data pending, retry). */
  | { readonly id: string; readonly state: 'pending'; readonly reason: string; readonly ready: false }
  | { readonly id: string; readonly state: 'error'; readonly message: string; readonly ready: false }
  /** Render complete: the manifests to apply (one per forEach item), and the readiness of what is observed. */
  | { readonly id: string; readonly state: 'apply'; readonly manifests: readonly KubeObject[]; readonly collection: boolean; readonly ready: boolean; readonly readiness: Readiness }
  | { readonly id: string; readonly state: 'external'; readonly target: ExternalTarget; readonly ready: boolean; readonly readiness: Readiness };

export interface InstancePlan {
  /** Resource ids in dependency order. */
  readonly order: readonly string[];
  readonly nodes: ReadonlyMap<string, NodePlan>;
  /** Every node ready or skipped. */
  readonly ready: boolean;
}
