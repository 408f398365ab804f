/** Data the planner consumes and produces. Plain JSON objects in, plain decisions out. */

import type { OpenApiSchema } from '../cel/index.js';
import type { FailedLeaf } from './resolve.js';

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
  /**
   * What the cluster assigned to the instance (direct mode: its record), read as `schema.metadata.*`.
   * Absent offline: reading these is then data only the cluster has.
   */
  readonly assigned?: AssignedMetadata;
  /**
   * The labels and annotations the deploy gave the instance (`deploy(spec, { labels, annotations })`), read as
   * `schema.metadata.labels` / `annotations`: kro mode has them on the instance object, direct mode here.
   */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Instance metadata the API server assigns (KRO reads it from the instance object). */
export interface AssignedMetadata {
  readonly uid: string;
  /** RFC 3339. */
  readonly creationTimestamp: string;
  /** 1 on the first deploy, +1 on each deploy with a different spec (as a custom resource's generation). */
  readonly generation: number;
}

export interface PlanInput {
  /** The validated spec with defaults applied (plain JSON). */
  readonly spec: unknown;
  readonly instance: InstanceIdentity;
  readonly observed: Observed;
  readonly readiness?: ReadinessMode;
  /**
   * The OpenAPI schema of each observed resource by id (of one item for a collection), as the API server
   * publishes it: observed objects enter CEL typed by it, as in KRO (bytes, timestamps). A resource
   * without one is plain JSON.
   */
  readonly schemas?: ReadonlyMap<string, OpenApiSchema>;
  /**
   * Observed objects that stand in for live ones: `true` for all of them (offline rendering: the rendered
   * manifests), or these objects (a plan: the manifests of objects not created yet, the dry-run results of
   * objects the deploy changes). A field a stand-in does not set is unknown, so reading it is pending
   * whatever tests its presence (`has()`, `.?f`, `orValue`), and so is using one of its objects whole; see
   * `cel/stand-in.ts`.
   */
  readonly standIns?: boolean | ReadonlySet<object>;
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
  /** An expression failed for good; `origin` names the expression when one did (not a forEach that is not a list). */
  | { readonly id: string; readonly state: 'error'; readonly message: string; readonly ready: false; readonly origin?: FailedLeaf }
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
