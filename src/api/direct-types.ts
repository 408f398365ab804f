/** The direct factory's types, apart from the factory so that its driver can use them. */
import type { DeployPlan, ProgressEvent } from '../runtime/direct/index.js';
import type { InstanceOperations } from './instances.js';
import type { ClusterTarget } from '../runtime/kube/config.js';
import type { StatusReport } from './instance.js';
import type { OriginalFactoryOptions } from './original-options.js';
import type { OriginalNames } from './original-names.js';
import type { AspectOptions } from '../composition/aspects/aspect.js';

/**
 * Options of the direct factory.
 *
 * @example
 * import type { DirectFactoryOptions } from 'typekro';
 * const options: DirectFactoryOptions = { namespace: 'dev', waitForReady: false, podLogs: { tailLines: 50 } };
 * options.waitForReady; // => false
 */
export interface DirectFactoryOptions extends ClusterTarget, OriginalFactoryOptions, AspectOptions {
  /** Namespace of the instance and default namespace of its namespaced resources; default `default`. */
  readonly namespace?: string;
  /** Milliseconds for a whole deploy or delete; default 300000. */
  readonly timeout?: number;
  /**
   * Wait for each resource to be ready before applying its dependents and before returning; default true.
   * When false, a resource counts as ready once it exists (and readyWhen is not evaluated).
   */
  readonly waitForReady?: boolean;
  readonly abortSignal?: AbortSignal;
  /**
   * A deploy or delete holds the instance's Lease while it runs; another one of the same instance (in either
   * mode) fails at once with an InstanceLockedError naming the holder; `waitForLock: true` waits instead.
   */
  readonly waitForLock?: boolean;
  /**
   * Create the namespace when it does not exist, before the deploy applies anything (CLI: --create-namespace).
   * Default false: a deploy into a missing namespace fails at once (NOT_FOUND), saying how to create it.
   */
  readonly createNamespace?: boolean;
  /**
   * Per-resource progress: applied, waiting (with the readiness reason), ready, skipped, pending data,
   * Kubernetes events of the instance's objects and their children, pruning, rollback. Secret values are
   * redacted from every message.
   */
  readonly progressCallback?: (event: ProgressEvent) => void;
  /**
   * Whether server-side apply takes over fields owned by other field managers. Default: the instance's own
   * objects (made by an earlier deploy of this instance) are applied with force, as KRO applies its
   * children, so a field changed by hand (`kubectl patch`, `kubectl scale`) is put back as the composition
   * says (`plan` lists those fields first); an object adopted from another owner is not. `true`: every
   * object is applied with force. `false`: never; a conflict fails the deploy with an ApplyConflictError
   * naming the object, the fields and the other managers, and nothing of that object is changed.
   * The ownership check (`adopt`) decides whose objects a deploy may apply at all; `force` only decides
   * whose fields it may overwrite on them.
   */
  readonly force?: boolean;
  /**
   * Take over objects another instance (direct or KRO), a controller or another tool owns. Default false:
   * a deploy that would apply such an object fails, before anything is changed, with an
   * OwnershipConflictError naming each object and its owner. Fields other managers own still need `force`.
   */
  readonly adopt?: boolean;
  /**
   * When the first deploy of an instance fails (error, timeout or abort), delete what it created and its
   * record, so the cluster is as before. Later deploys of an instance that once succeeded are never rolled
   * back. Default false (objects stay, for inspection; `deleteInstance` removes them).
   */
  readonly rollbackOnFailure?: boolean;
  /** Report Kubernetes events of the instance's objects and their children through progressCallback; default true. */
  readonly events?: boolean;
  /**
   * When a resource does not become ready, read the last log lines of its pods and report them as `log`
   * progress events (default off; `true` means 20 lines).
   */
  readonly podLogs?: boolean | { readonly tailLines?: number };
}

/**
 * Per-call options of `deploy`.
 *
 * @example
 * import type { DirectDeployOptions } from 'typekro';
 * const options: DirectDeployOptions = { name: 'web-2' };
 * options.name; // => 'web-2'
 */
export interface DirectDeployOptions {
  /** Instance name; default `spec.name`, else the composition name. */
  readonly name?: string;
  /**
   * Labels of the instance (Kubernetes label syntax; keys under kro.run/ and applyset.kubernetes.io/ are
   * refused): kro mode puts them on the instance object, direct mode keeps them in its instance record; in
   * both, the composition reads them as `instance.metadata.labels.<key>`.
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the instance (keys in label-key syntax, values any text), read as `instance.metadata.annotations.<key>` in both modes. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Aborts this deploy (in addition to the factory's `abortSignal`). */
  readonly abortSignal?: AbortSignal;
}

/**
 * A deployed instance: what KRO would show as the instance object, status hydrated; `complete` and
 * `pending` say which status fields have no value yet.
 *
 * @example
 * import type { DirectInstance } from 'typekro';
 * function ready(instance: DirectInstance<{ replicas: number }, { ready: boolean }>): boolean {
 *   return instance.complete ? instance.status.ready : false;
 * }
 * ready({ metadata: { name: 'a', namespace: 'dev' }, spec: { replicas: 1 }, complete: true, status: { ready: true }, pending: [] }); // => true
 */
export type DirectInstance<TSpec, TStatus> = {
  readonly metadata: { name: string; /** Absent for a cluster-scoped composition. */ namespace?: string };
  readonly spec: TSpec;
} & StatusReport<TStatus>;

/**
 * The direct factory of a composition (what composition.factory returns for direct): deploys from this
 * process, without KRO in the cluster; the instance operations (plan, status, list, events, logs, delete) are
 * those of {@link InstanceOperations}, the same as kro mode's.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type DirectFactory } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const factory: DirectFactory<{ replicas: number }, { ready: boolean }> = app.factory('direct', { namespace: 'dev' });
 * const manifests = await factory.manifestsYaml({ replicas: 2 });
 * manifests.includes('replicas: 2'); // => true
 * // TypeKro's toYaml(spec) of direct mode: the same manifests
 * (await factory.toYaml({ replicas: 2 })) === manifests; // => true
 */
export interface DirectFactory<TSpec, TStatus> extends InstanceOperations<TSpec, TStatus>, OriginalNames<TStatus> {
  readonly mode: 'direct';
  readonly name: string;
  readonly namespace: string;
  /**
   * Applies every resource (server-side apply, field manager `typekro`), each as soon as its dependencies are
   * ready, waits for readiness and returns the hydrated status (pending status fields are omitted).
   */
  deploy(spec: TSpec, options?: DirectDeployOptions): Promise<DirectInstance<TSpec, TStatus>>;
  /**
   * What `deploy(spec)` would do, from a server-side dry run of the whole graph; nothing is changed.
   * Objects whose values depend on objects that do not exist yet are reported with `knownAfterApply`.
   */
  plan(spec: TSpec, options?: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> }): Promise<DeployPlan>;
  /**
   * The manifests `deploy(spec)` would apply, as multi-document YAML (ownership labels included). References
   * to other resources resolve against their rendered manifests; data only the cluster has is an
   * OfflineRenderError naming the resource. Asynchronous because it evaluates CEL, whose engine loads on
   * first use (defining and rendering the RGD never load it).
   */
  manifestsYaml(spec: TSpec, options?: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> }): Promise<string>;
  /** TypeKro's `toYaml(spec)` of direct mode: {@link DirectFactory.manifestsYaml}. */
  toYaml(spec: TSpec): Promise<string>;
}

/** The direct factory with the runtime loaded: what `DirectFactory` does, the manifests rendered synchronously. */
export interface DirectDriver<TSpec, TStatus> extends Omit<DirectFactory<TSpec, TStatus>, 'toYaml' | 'manifestsYaml' | 'instanceName' | keyof OriginalNames<TStatus>> {
  manifestsYaml(spec: TSpec, options?: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> }): string;
}
