/**
 * What both factories offer about deployed instances, with the same options and results in both modes:
 * the instance name a spec gives, plan, status, list, events, logs and delete.
 */
import type { DeployPlan, InstanceEvent, LogFailure, LogSource, PodLog } from '../runtime/direct/index.js';
import type { EvaluationFailure, ResourceStatus } from '../runtime/engine/index.js';

export type { DeployPlan, EvaluationFailure, InstanceEvent, LogFailure, LogSource, PodLog, ResourceStatus };
export { InstanceNotFoundError } from '../runtime/kube/errors.js';
export { describeFailure } from '../runtime/engine/failure.js';

/**
 * A KRO condition of the instance (kro mode).
 *
 * @example
 * ```ts
 * import type { InstanceCondition } from 'typekro';
 * const conditions: InstanceCondition[] = [{ type: 'Ready', status: 'True' }];
 * conditions.some((c) => c.type === 'Ready' && c.status === 'True'); // => true
 * ```
 */
export interface InstanceCondition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

/**
 * An instance and everything it owns, as the cluster has it now.
 *
 * @example
 * ```ts
 * import type { InstanceStatus } from 'typekro';
 * function notReady(status: InstanceStatus<unknown>): string[] {
 *   return status.resources.filter((r) => !r.ready).map((r) => `${r.resourceId}: ${r.reason}`);
 * }
 * notReady({ apiVersion: 'example.com/v1', kind: 'App', metadata: { name: 'web' }, mode: 'direct', ready: false, status: {}, pending: [],
 *   resources: [{ resourceId: 'config', apiVersion: 'v1', kind: 'ConfigMap', state: 'missing', ready: false, reason: 'not created, or deleted since' }] });
 * // => ['config: not created, or deleted since']
 * ```
 */
export interface InstanceStatus<TStatus> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly mode: 'direct' | 'kro';
  /** Every resource ready or skipped, none missing (the deploy's own readiness); kro mode: and KRO reports ACTIVE and Ready. */
  readonly ready: boolean;
  /** Kro mode: KRO's state (`ACTIVE`, `IN_PROGRESS`, `ERROR`, `DELETING`). */
  readonly state?: string;
  readonly conditions?: readonly InstanceCondition[];
  /** The status fields known now (direct mode leaves pending fields out and names them in `pending`). */
  readonly status: Partial<TStatus>;
  readonly pending: readonly string[];
  /** Every object it owns, and every resource that has none, judged by the runtime's readiness. */
  readonly resources: readonly ResourceStatus[];
  /**
   * The first expression of the graph that fails for this instance by TypeKro's CEL engine on the objects
   * observed: why it is stuck when KRO gives no condition (KRO only logs such errors).
   */
  readonly failure?: EvaluationFailure;
  /**
   * Every status field that fails for good (a division by zero, an int beyond JavaScript's safe range): the
   * instance is not ready. Absent when none fails.
   */
  readonly failedStatus?: readonly EvaluationFailure[];
  /**
   * Direct mode: the objects whose live fields differ from what a deploy of the spec applies (a hand edit:
   * `kubectl patch`, `kubectl scale`, a label removed), found by the server-side dry run `plan` makes; each
   * change is `path: live → composition` (values as `plan` shows them). The instance is then not ready: a
   * deploy puts them back (kro mode: KRO does so itself). Absent when none differs.
   */
  readonly drift?: readonly { readonly resourceId: string; readonly kind: string; readonly name: string; readonly namespace?: string; readonly changes: readonly string[] }[];
  /** Direct mode: why the live objects were not compared with the composition (no spec of the last deploy, no permission for the dry run). */
  readonly driftUnchecked?: string;
}

/**
 * One instance in a list.
 *
 * @example
 * ```ts
 * import type { InstanceSummary } from 'typekro';
 * const instances: InstanceSummary[] = [{ name: 'web', namespace: 'dev', state: 'ACTIVE' }];
 * instances.map((i) => i.name); // => ['web']
 * ```
 */
export interface InstanceSummary {
  readonly name: string;
  /** Absent for a cluster-scoped composition: its instances have no namespace. */
  readonly namespace?: string;
  /** Kro mode: KRO's state. */
  readonly state?: string;
}

/**
 * What `deleteInstance` did: `found` is false when there was nothing to delete (only with `ignoreNotFound`;
 * otherwise a missing instance is an InstanceNotFoundError).
 *
 * @example
 * ```ts
 * import type { DeleteResult } from 'typekro';
 * const result: DeleteResult = { found: false };
 * result.found ? 'deleted' : 'there was nothing to delete'; // => 'there was nothing to delete'
 * ```
 */
export interface DeleteResult {
  readonly found: boolean;
}

/**
 * Which logs: one resource's pods, one container, the last lines.
 *
 * @example
 * ```ts
 * import type { LogOptions } from 'typekro';
 * const options: LogOptions = { resourceId: 'web', container: 'app', tailLines: 20 };
 * options.tailLines; // => 20
 * ```
 */
export interface LogOptions {
  /** Only the pods of this resource. */
  readonly resourceId?: string;
  /** Only this container. */
  readonly container?: string;
  /** Only the last lines of each log. */
  readonly tailLines?: number;
}

/**
 * Streaming logs line by line; with `follow`, until `signal` aborts.
 *
 * @example
 * ```ts
 * import type { StreamLogOptions } from 'typekro';
 * const lines: string[] = [];
 * const options: StreamLogOptions = { follow: false, onLine: (source, line) => void lines.push(`[${source.pod}] ${line}`) };
 * options.onLine({ resourceId: 'web', pod: 'web-1', namespace: 'dev', container: 'app' }, 'started');
 * lines; // => ['[web-1] started']
 * ```
 */
export interface StreamLogOptions extends LogOptions {
  /** Keep streaming new lines until `signal` aborts. */
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
  readonly onLine: (source: LogSource, line: string) => void;
  /** Called once with every container about to be streamed, before the first line. */
  readonly onSources?: (sources: readonly LogSource[]) => void;
}

/**
 * What was streamed, and which containers could not be read.
 *
 * @example
 * ```ts
 * import type { StreamLogResult } from 'typekro';
 * const result: StreamLogResult = { sources: [], failures: [] };
 * result.sources.length === 0 ? 'the instance has no pods' : 'streamed'; // => 'the instance has no pods'
 * ```
 */
export interface StreamLogResult {
  /** Every container streamed. */
  readonly sources: readonly LogSource[];
  /** Containers whose log the API server could not serve. */
  readonly failures: readonly LogFailure[];
}

/**
 * Instance operations both factories offer.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', apiVersion: 'example.com/v1', kind: 'App', spec: type({ name: 'string = "web"' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const config = ConfigMap({ name: spec.name, data: { greeting: 'hello' } });
 *     return { ready: config.data.greeting === 'hello' };
 *   },
 * );
 * // The name a deploy gives: the spec's name with the schema's defaults, in both modes.
 * app.factory('direct').instanceName({}); // => 'web'
 * app.factory('kro').instanceName({ name: 'shop' }); // => 'shop'
 * ```
 */
export interface InstanceOperations<TSpec, TStatus> {
  /** The name `deploy(spec)` gives the instance: `spec.name` (defaults applied), else the composition name; the spec is not validated. */
  instanceName(spec: TSpec): string;
  /**
   * What `deploy(spec)` would change, from server-side dry runs; nothing is changed. Kro mode lists the RGD,
   * the instance and what KRO will then do to the instance's objects (planned by the same planner over the
   * spec and the objects KRO owns; each change dry-run applied as KRO applies).
   */
  plan(spec: TSpec, options?: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> }): Promise<DeployPlan>;
  /**
   * The instance and what it owns. Direct mode judges readiness (readyWhen included) and the status with
   * `spec` (validated; default: the schema's defaults alone); kro mode reads the spec from the instance.
   * Throws InstanceNotFoundError.
   */
  instanceStatus(name: string, options?: { spec?: TSpec }): Promise<InstanceStatus<TStatus>>;
  /** The instances of this composition in the factory's namespace. */
  listInstances(): Promise<InstanceSummary[]>;
  /** Kubernetes events of the instance's objects and their pods, oldest first. Throws InstanceNotFoundError. */
  events(name: string): Promise<InstanceEvent[]>;
  /** Logs of the pods of the instance's workloads, read once. Throws InstanceNotFoundError. */
  logs(name: string, options?: LogOptions): Promise<PodLog[]>;
  /** Streams those logs line by line (with `follow`, until the signal aborts). Throws InstanceNotFoundError. */
  streamLogs(name: string, options: StreamLogOptions): Promise<StreamLogResult>;
  /**
   * Deletes the instance and waits until what it owns is gone. An instance that does not exist is an
   * InstanceNotFoundError, unless `ignoreNotFound` (then `found: false`).
   */
  deleteInstance(name: string, options?: { ignoreNotFound?: boolean }): Promise<DeleteResult>;
}
