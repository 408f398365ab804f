import { setRemedies, type Remedy } from './remedy.js';

/**
 * What each {@link TypeKroErrorCode} means and what to do about it. The README's error table lists the same
 * codes (a test keeps them equal). Codes are stable: callers (the CLI, scripts, a user's `catch`) branch on
 * them instead of on class names or messages.
 *
 * @example
 * import { ERROR_CODES } from 'typekro';
 * Object.keys(ERROR_CODES).includes('SPEC_INVALID'); // => true
 */
export const ERROR_CODES = {
  USAGE: 'an API or CLI call was given arguments or options it cannot use; fix the call',
  SPEC_INVALID: 'an instance spec does not match the composition spec schema; fix the spec values',
  DEFINITION_INVALID: 'the composition cannot be compiled (schema, resources, ids, references, JavaScript, CEL, manifest files); fix the composition',
  CONFIG_INVALID: 'no usable kubeconfig or context, or credentials the cluster refuses; pass a kubeconfig file or context, set KUBECONFIG, or renew the credentials',
  CLUSTER_UNREACHABLE: 'the API server did not answer; check that the cluster runs and the kubeconfig points at it',
  NOT_FOUND: 'the instance, object or kind does not exist in the cluster; check its name, namespace and that its CRD is installed',
  NAMESPACE_NOT_FOUND: 'the namespace to deploy into does not exist; create it, let the deploy create it (createNamespace, --create-namespace), or deploy into an existing one',
  CONFLICT: 'fields of an object are owned by another field manager; change them there, or apply with force',
  INSTANCE_LOCKED: 'another deploy or delete of the same instance is running, or in kro mode a deploy of another instance of the same ResourceGraphDefinition (its lease names the holder); wait for it (waitForLock, --wait-for-lock) or retry once its lease expires',
  REJECTED: 'the API server or KRO refused what TypeKro sent; the message carries their reason',
  BREAKING_CHANGE: 'the new schema would break existing instances; keep old fields, use a new kind, or allow breaking changes',
  OTHER_INSTANCES: 'the changed ResourceGraphDefinition would delete objects of other instances of the kind (KRO reconciles every instance with it); plan to see them, use a new kind, or allow it',
  DEPLOY_FAILED: 'a resource failed while deploying (its controller reported an error, or a value could not be computed)',
  TIMEOUT: 'a deadline passed before the instance (or the resource named) was ready; raise the timeout or look at the resource',
  ABORTED: 'the operation was cancelled through its AbortSignal (or Ctrl-C); the message says what was done',
  NEEDS_CLUSTER: 'rendering offline needs data that only exists in a cluster; deploy, or render the KRO form',
  ENVIRONMENT: 'the local machine lacks something the test kit needs (Go, built binaries, a free port, a writable cache)',
  INTERNAL: 'TypeKro broke one of its own invariants; this is a bug, please report it with the message',
} as const satisfies Record<string, string>;

/**
 * The stable code on every {@link TypeKroError}: `error.code`. See {@link ERROR_CODES} for what each means.
 *
 * @example
 * import type { TypeKroErrorCode } from 'typekro';
 * const retryable: readonly TypeKroErrorCode[] = ['CLUSTER_UNREACHABLE', 'TIMEOUT'];
 * retryable.length; // => 2
 */
export type TypeKroErrorCode = keyof typeof ERROR_CODES;

/**
 * Base class of every error TypeKro throws on purpose. `code` says what kind of problem it is (stable, see
 * {@link ERROR_CODES}); subclasses carry the data a caller needs to react (a field path, a resource id);
 * the message says what to change.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, TypeKroError } from 'typekro';
 * let code = '';
 * try {
 *   kubernetesComposition({ name: 'bad', kind: 'Bad', spec: type({ x: 'string | null' }), status: type({ ok: 'boolean' }) }, () => ({ ok: true }));
 * } catch (error) {
 *   if (error instanceof TypeKroError) code = error.code;
 * }
 * code; // => 'DEFINITION_INVALID'
 */
export class TypeKroError extends Error {
  override name = 'TypeKroError';
  /** What to do about it, as data (the message lists them in API terms); set when the error suggests any. */
  declare readonly remedies?: readonly Remedy[];
  /** The message without its remedies; set with `remedies`. */
  declare readonly detail?: string;
  constructor(
    /** What kind of problem this is; stable across versions. */
    readonly code: TypeKroErrorCode,
    message: string,
    options?: TypeKroErrorOptions,
  ) {
    super(message, options);
    if (options?.remedies?.length) setRemedies(this, message, options.remedies);
  }
}

/**
 * Options of {@link TypeKroError}: the cause, and what to do about the error as {@link Remedy} data.
 *
 * @example
 * import { TypeKroError, type TypeKroErrorOptions } from 'typekro';
 * const options: TypeKroErrorOptions = { remedies: [{ purpose: 'take the objects over', action: 'option', option: 'adopt' }] };
 * const error = new TypeKroError('CONFLICT', 'ConfigMap dev/web is owned by instance "alpha".', options);
 * [error.detail, error.message]; // => ['ConfigMap dev/web is owned by instance "alpha".', 'ConfigMap dev/web is owned by instance "alpha".\n  to take the objects over: the factory option adopt: true']
 */
export interface TypeKroErrorOptions extends ErrorOptions {
  readonly remedies?: readonly Remedy[];
}

/**
 * True for an error thrown by any copy of TypeKro (a composition file may load its own copy, so
 * `instanceof` can miss): an `Error` whose `code` is one of {@link ERROR_CODES}.
 *
 * @example
 * import { isTypeKroError, TypeKroError } from 'typekro';
 * isTypeKroError(new TypeKroError('USAGE', 'no file given')); // => true
 * isTypeKroError(Object.assign(new Error('x'), { code: 'ENOENT' })); // => false
 */
export function isTypeKroError(error: unknown): error is TypeKroError {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}
