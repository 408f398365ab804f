/**
 * Errors of the cluster client, apart from the client so that they can be exported (and caught with
 * `instanceof`) without loading @kubernetes/client-node.
 */
import { TypeKroError, type TypeKroErrorCode, type TypeKroErrorOptions } from '../../util/errors.js';

/**
 * An object in a cluster, by apiVersion, kind, name and namespace.
 *
 * @example
 * import type { ObjectRef } from 'typekro';
 * const ref: ObjectRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'dev' };
 * ref.name; // => 'web'
 */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * A failed call to the API server: the message names the verb, the object and the server's reason. `code`
 * follows the HTTP status (404 `NOT_FOUND`, 409 `CONFLICT`, 401 `CONFIG_INVALID`, else `REJECTED`) unless
 * the caller knows better (`CLUSTER_UNREACHABLE`, `TIMEOUT`).
 *
 * @example
 * import { KubeApiError } from 'typekro';
 * new KubeApiError('get ConfigMap dev/app failed (404 NotFound): not found', 404, 'NotFound').code; // => 'NOT_FOUND'
 */
export class KubeApiError extends TypeKroError {
  override readonly name: string = 'KubeApiError';
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
    code: TypeKroErrorCode = codeOfStatus(status),
    options?: TypeKroErrorOptions,
  ) {
    super(code, message, options);
  }
}

/**
 * The namespace a deploy writes to does not exist (`NAMESPACE_NOT_FOUND`, a 404): what to do is the user's
 * choice, so each way out is a remedy (create it, let the deploy create it, deploy elsewhere).
 */
export function namespaceNotFound(namespace: string, operation: 'deploy' | 'plan' = 'deploy'): KubeApiError {
  // A plan takes no createNamespace: it says what a deploy with it would do instead of offering the option.
  const message = operation === 'plan' ? `namespace "${namespace}" does not exist (a deploy creates it with createNamespace, --create-namespace)` : `namespace "${namespace}" does not exist`;
  return new KubeApiError(message, 404, 'NotFound', 'NAMESPACE_NOT_FOUND', {
    remedies: [
      { purpose: 'create it', action: 'create-namespace', namespace },
      ...(operation === 'deploy' ? [{ purpose: 'let the deploy create it', action: 'option', option: 'createNamespace' } as const] : []),
      { purpose: `${operation} into an existing namespace`, action: 'option', option: 'namespace' },
    ],
  });
}

function codeOfStatus(status: number | undefined): TypeKroErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 401) return 'CONFIG_INVALID';
  return 'REJECTED';
}

/**
 * A wait ran out of time (the message says for what, and the last state seen). `code` is `TIMEOUT`.
 *
 * @example
 * ```ts
 * import { KubeTimeoutError } from 'typekro';
 * const error: unknown = new KubeTimeoutError('timed out after 5s waiting for Deployment dev/web');
 * (error as { code?: string }).code; // => 'TIMEOUT'
 * ```
 */
export class KubeTimeoutError extends KubeApiError {
  override readonly name: string = 'KubeTimeoutError';
  constructor(message: string) {
    super(message, undefined, undefined, 'TIMEOUT');
  }
}

/**
 * `deleteInstance` of an instance that does not exist (kro mode: no instance object; direct mode: no
 * instance record and no object labelled as the instance's): nothing was deleted. Usually a wrong name or
 * namespace; pass `ignoreNotFound: true` where "already gone" is fine (as `kubectl delete --ignore-not-found`).
 *
 * @example
 * ```ts
 * import { InstanceNotFoundError } from 'typekro';
 * // what deleteInstance('web'), instanceStatus('web'), events and logs reject with when there is no such instance
 * const error: unknown = new InstanceNotFoundError('web', 'dev', 'App "web" in namespace dev (direct mode) not found');
 * error instanceof InstanceNotFoundError ? `${error.code} ${error.instance}` : ''; // => 'NOT_FOUND web'
 * ```
 */
export class InstanceNotFoundError extends KubeApiError {
  override readonly name: string = 'InstanceNotFoundError';
  constructor(
    readonly instance: string,
    readonly namespace: string | undefined,
    /** The whole message: which instance, where it was looked for, and what to do. */
    message: string,
  ) {
    super(message, 404, 'NotFound');
  }
}

/**
 * One field another field manager owns, from a server-side apply conflict.
 *
 * @example
 * import type { FieldConflict } from 'typekro';
 * const conflict: FieldConflict = { field: '.spec.replicas', manager: 'kubectl-client-side-apply' };
 * conflict.manager; // => 'kubectl-client-side-apply'
 */
export interface FieldConflict {
  /** The field path as the API server reports it, e.g. `.data.key` or `.spec.replicas`. */
  readonly field: string;
  /** The other field manager, e.g. `kubectl-client-side-apply`. */
  readonly manager: string;
}

/**
 * A server-side apply (409 Conflict): fields of the object are owned by other field managers. The object was
 * not changed. Applying with `force` takes the fields over.
 *
 * @example
 * import { ApplyConflictError } from 'typekro';
 * const error = new ApplyConflictError({ apiVersion: 'v1', kind: 'ConfigMap', name: 'app', namespace: 'dev' }, [{ field: '.data.key', manager: 'kubectl' }], 'conflict');
 * [error.code, error.managers]; // => ['CONFLICT', ['kubectl']]
 */
export class ApplyConflictError extends KubeApiError {
  override readonly name = 'ApplyConflictError';
  constructor(
    readonly object: ObjectRef,
    readonly conflicts: readonly FieldConflict[],
    serverMessage: string,
  ) {
    super(conflictMessage(object, conflicts, serverMessage), 409, 'Conflict', 'CONFLICT', { remedies: [{ purpose: 'take these fields over', action: 'option', option: 'force' }] });
  }
  /** The other managers involved, without duplicates. */
  get managers(): string[] {
    return [...new Set(this.conflicts.map((c) => c.manager))];
  }
}

function conflictMessage(object: ObjectRef, conflicts: readonly FieldConflict[], serverMessage: string): string {
  if (conflicts.length === 0) return `apply ${describeRef(object)} failed (409 Conflict): ${serverMessage}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  const owners = [...byManager].map(([manager, fields]) => `${fields.join(', ')} (owned by field manager "${manager}")`).join('; ');
  return (
    `apply ${describeRef(object)} conflicts with another field manager: ${owners}. ` +
    // Only this object: a deploy may have applied others before it (it lists them).
    `${describeRef(object)} was not changed. Take these fields over, or stop the other tool from managing them.`
  );
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/**
 * No usable kubeconfig: no file found, a file that does not parse, or a context it does not have.
 *
 * @example
 * import { KubeconfigError } from 'typekro';
 * new KubeconfigError('no kubeconfig found').code; // => 'CONFIG_INVALID'
 */
export class KubeconfigError extends TypeKroError {
  override readonly name = 'KubeconfigError';
  constructor(message: string, options?: ErrorOptions) {
    super('CONFIG_INVALID', message, options);
  }
}

/**
 * A deploy or delete could not start: another one holds the instance's lease (runtime/kube/lease.ts).
 *
 * @example
 * ```ts
 * import { InstanceLockedError } from 'typekro';
 * // what a second deploy of an instance rejects with while the first one runs
 * const error: unknown = new InstanceLockedError('instance dev/web is being changed by another writer: deploy by ci-7 pid 42', 'deploy by ci-7 pid 42');
 * error instanceof InstanceLockedError ? `${error.code}: ${error.holder}` : ''; // => 'INSTANCE_LOCKED: deploy by ci-7 pid 42'
 * ```
 */
export class InstanceLockedError extends TypeKroError {
  override readonly name = 'InstanceLockedError';
  constructor(
    message: string,
    /** Who holds the lease: host, process and operation. */
    readonly holder: string,
    options?: TypeKroErrorOptions,
  ) {
    super('INSTANCE_LOCKED', message, options);
  }
}
