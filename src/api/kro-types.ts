/** The KRO factory's types and its one error, apart from the factory so that its driver can use them. */
import type { InstanceOperations } from './instances.js';
import type { ClusterTarget } from '../runtime/kube/config.js';
import type { SchemaChange } from '../runtime/kro/breaking.js';
import type { PlannedOtherInstance } from '../runtime/direct/plan-types.js';
import { describeOther } from './other-instances.js';
import type { ProgressEvent } from '../runtime/direct/session.js';
import { TypeKroError } from '../util/errors.js';
import type { KroOriginalOptions, OriginalFactoryOptions } from './original-options.js';
import type { StatusReport } from './instance.js';
import type { OriginalNames } from './original-names.js';
import type { AspectOptions } from '../composition/aspects/aspect.js';

/**
 * Options both factories take: the cluster, namespace, timeout, abort signal and progress callback.
 *
 * @example
 * import type { FactoryOptionsBase } from 'typekro';
 * const options: FactoryOptionsBase = { namespace: 'dev', timeout: 60_000 };
 * options.timeout; // => 60000
 */
export interface FactoryOptionsBase extends ClusterTarget, OriginalFactoryOptions, AspectOptions {
  /** Namespace of the instance (kro) or of the resources (direct); default `default`. */
  readonly namespace?: string;
  /** Milliseconds to wait for readiness; default 300000. */
  readonly timeout?: number;
  readonly abortSignal?: AbortSignal;
  /** Progress of a deploy; KRO mode reports `progress` events (what it waits for). */
  readonly progressCallback?: (event: ProgressEvent) => void;
  /**
   * A deploy or delete holds the instance's Lease while it runs; another one of the same instance (in either
   * mode) fails at once with an InstanceLockedError naming the holder; `waitForLock: true` waits instead.
   * In kro mode a deploy also holds the lease of the ResourceGraphDefinition, which every instance shares,
   * from its read to the instance's verdict: a deploy of another instance in another process fails or waits
   * the same way (deploys of one process take turns).
   */
  readonly waitForLock?: boolean;
  /**
   * Create the namespace when it does not exist, before the deploy applies anything (CLI: --create-namespace).
   * Default false: a deploy into a missing namespace fails at once (NOT_FOUND), saying how to create it.
   */
  readonly createNamespace?: boolean;
}

/**
 * Options of the KRO factory.
 *
 * @example
 * import type { KroFactoryOptions } from 'typekro';
 * const options: KroFactoryOptions = { namespace: 'dev', allowBreakingChanges: true };
 * options.allowBreakingChanges; // => true
 */
export interface KroFactoryOptions extends FactoryOptionsBase, KroOriginalOptions {
  /**
   * Apply a schema change KRO would refuse as breaking (removed or retyped fields, new required fields,
   * narrowed enums): sets `kro.run/allow-breaking-changes: "true"` on the RGD. Existing instances may break.
   */
  readonly allowBreakingChanges?: boolean;
  /**
   * Deploy a changed composition even though the new ResourceGraphDefinition deletes objects of OTHER
   * instances of the kind (CLI: --allow-other-instances): the RGD is shared, and KRO reconciles every
   * instance, in every namespace, with it. Without it such a deploy fails before anything is applied
   * (OtherInstancesError listing each instance and object); creates and changes of other instances are
   * reported as progress warnings, not refused. `plan` lists what happens to every other instance.
   */
  readonly allowOtherInstances?: boolean;
  /**
   * Let KRO take over objects the instance would make that another tool made (kubectl, Helm, an operator;
   * CLI: --adopt). Without it, such objects, and objects of another TypeKro or KRO instance, fail the deploy
   * before anything is applied (OwnershipConflictError naming each owner). Objects of another instance are
   * refused even with adopt: KRO refuses a child in another instance's ApplySet.
   */
  readonly adopt?: boolean;
}

/**
 * Per-call options of the KRO factory's `deploy`.
 *
 * @example
 * import type { KroDeployOptions } from 'typekro';
 * const controller = new AbortController();
 * const options: KroDeployOptions = { name: 'web-2', abortSignal: controller.signal };
 * options.name; // => 'web-2'
 */
export interface KroDeployOptions {
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
  /**
   * Aborts this deploy (in addition to the factory's `abortSignal`): the wait stops at once with a
   * KroAbortedError (code ABORTED) saying what stays applied; KRO keeps reconciling an applied instance.
   */
  readonly abortSignal?: AbortSignal;
}

/**
 * A schema change KRO would refuse, found before anything was applied.
 *
 * @example
 * import { BreakingChangeError } from 'typekro';
 * const error = new BreakingChangeError('app', [{ path: 'spec.size', problem: 'removed' }]);
 * [error.code, error.changes.length]; // => ['BREAKING_CHANGE', 1]
 */
export class BreakingChangeError extends TypeKroError {
  override readonly name = 'BreakingChangeError';
  constructor(
    readonly rgd: string,
    readonly changes: readonly SchemaChange[],
    /** Set when the old schema is a CRD KRO kept after an earlier RGD of this kind was deleted. */
    readonly keptCrd?: string,
  ) {
    super(
      'BREAKING_CHANGE',
      (keptCrd
        ? `CRD ${keptCrd}, kept by KRO from an earlier ResourceGraphDefinition of this kind, has a schema ResourceGraphDefinition ${rgd} would break, so KRO would refuse to update it:\n`
        : `the new schema of ResourceGraphDefinition ${rgd} breaks existing instances, so KRO would keep the old CRD:\n`) +
        changes.map((change) => `  - ${change.path}: ${change.problem}`).join('\n') +
        (keptCrd
          ? `\nkeep the old fields, use a new kind, or delete the old CRD (kubectl delete crd ${keptCrd}; this deletes its remaining instances)`
          : '\nkeep the old fields (add new ones as optional or with defaults), or use a new kind'),
      { remedies: [{ purpose: 'apply the breaking change anyway', action: 'option', option: 'allowBreakingChanges' }] },
    );
  }
}

/**
 * A changed ResourceGraphDefinition would delete objects of other instances of the kind (KRO reconciles every
 * instance with it), found before anything was applied.
 *
 * @example
 * import { OtherInstancesError } from 'typekro';
 * const gone = { resourceId: 'gone', apiVersion: 'v1', kind: 'ConfigMap', name: 'x-gone', namespace: 'e2' };
 * const error = new OtherInstancesError('evo', 'Evo', [{ name: 'x', namespace: 'e2', create: [], change: [], unchanged: [], skipped: [], prune: [gone] }]);
 * [error.code, error.instances.length]; // => ['OTHER_INSTANCES', 1]
 */
export class OtherInstancesError extends TypeKroError {
  override readonly name = 'OtherInstancesError';
  constructor(
    readonly rgd: string,
    kind: string,
    /**
     * The other instances the change deletes objects of, or that could not be planned or fail with the new
     * graph (`note`), each with everything KRO will do to its objects.
     */
    readonly instances: readonly PlannedOtherInstance[],
    /** Set when instances in other namespaces could not be listed: they may lose objects too. */
    readonly unlisted?: string,
  ) {
    const sure = unlisted === undefined && instances.every((instance) => instance.note === undefined);
    const which = instances.length === 1 ? 'another instance' : `${instances.length} other instances`;
    super(
      'OTHER_INSTANCES',
      `the new ResourceGraphDefinition ${rgd} ${sure ? `would delete objects of ${which}` : 'may delete objects of other instances'} of ${kind}, ` +
        'which KRO reconciles with it too (in every namespace); nothing was applied:\n' +
        [...instances.map((instance) => `  - ${describeOther(kind, instance)}`), ...(unlisted ? [`  - ${unlisted}`] : [])].join('\n') +
        '\nplan the deploy to see every change; keep the resource, or use a new kind for the edited composition',
      { remedies: [{ purpose: 'delete them anyway', action: 'option', option: 'allowOtherInstances' }] },
    );
  }
}

/**
 * What KRO adds to every instance status. A kro deploy's result has them beside `status`, which holds only
 * the composition's declared fields (as in direct mode), like `instanceStatus`'s `state` and `conditions`.
 *
 * @example
 * import type { KroStatusFields } from 'typekro';
 * const fields: KroStatusFields = { state: 'ACTIVE', conditions: [] };
 * fields.state; // => 'ACTIVE'
 */
export interface KroStatusFields {
  /** KRO's instance state: `ACTIVE`, `IN_PROGRESS`, `FAILED`, `DELETING`, `ERROR`. */
  readonly state?: string;
  readonly conditions?: readonly unknown[];
}

/**
 * An instance as KRO reports it: `complete` and `pending` say which status fields KRO has computed.
 *
 * @example
 * import type { KroInstance } from 'typekro';
 * function host(instance: KroInstance<{ name: string }, { host: string }>): string {
 *   return instance.complete ? instance.status.host : `pending: ${instance.pending.join(', ')}`;
 * }
 * host({ metadata: { name: 'a', namespace: 'dev' }, spec: { name: 'a' }, complete: false, status: {}, pending: ['host'] }); // => 'pending: host'
 */
export type KroInstance<TSpec, TStatus> = {
  readonly metadata: { name: string; /** Absent for a cluster-scoped composition. */ namespace?: string };
  readonly spec: TSpec;
} & KroStatusFields & StatusReport<TStatus>;

/**
 * The KRO factory of a composition (what composition.factory returns for kro): deploys through the KRO
 * controller; the instance operations are the same as direct mode's ({@link InstanceOperations}).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type KroFactory } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const factory: KroFactory<{ replicas: number }, { ready: boolean }> = app.factory('kro', { namespace: 'dev' });
 * factory.rgdYaml().includes('kind: ResourceGraphDefinition'); // => true
 * factory.instanceYaml({ replicas: 2 }, { name: 'shop' }).includes('name: shop'); // => true
 * // TypeKro's toYaml: the RGD without a spec, the instance with one
 * factory.toYaml() === factory.rgdYaml(); // => true
 * factory.toYaml({ replicas: 2 }) === factory.instanceYaml({ replicas: 2 }); // => true
 */
export interface KroFactory<TSpec, TStatus> extends InstanceOperations<TSpec, TStatus>, OriginalNames<TStatus> {
  readonly mode: 'kro';
  readonly name: string;
  readonly namespace: string;
  /** TypeKro's `toYaml`: without a spec {@link KroFactory.rgdYaml}, with one {@link KroFactory.instanceYaml}. */
  toYaml(spec?: TSpec): string;
  /** The ResourceGraphDefinition as YAML (what `deploy` applies first, and what GitOps commits). */
  rgdYaml(): string;
  /** The instance custom resource `deploy(spec)` applies, in the factory's namespace (the spec is validated), with the labels and annotations given. */
  instanceYaml(spec: TSpec, options?: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> }): string;
  /**
   * Applies the RGD, waits until KRO accepts it, applies the instance and waits until it is ACTIVE. The
   * result says which status fields KRO has not computed yet (`pending`). A resource that fails for good by
   * its readiness rule (a Deployment past its progress deadline, a failed Job) ends the wait with a
   * DeployFailedError, as it ends a direct deploy; KRO itself would wait until the deadline.
   */
  deploy(spec: TSpec, options?: KroDeployOptions): Promise<KroInstance<TSpec, TStatus>>;
}
