/**
 * An observed state (`deploymentAvailable()`, `created()`, ...): the one way the test kit describes what a
 * cluster reports for a resource. It lives here, below the api and the test kit, because both `simulate`
 * (testing/offline/observe.ts) and `evaluateConcrete` (composition/concrete-drafts.ts) turn it into the object a
 * cluster would report, the same way: its `object()` of the manifest the deploy applied.
 */
import { TypeKroError } from '../util/errors.js';
import { withArticle } from '../util/article.js';

/**
 * An observed state: the object a cluster would report for one resource, built from the manifest a deploy
 * applied. `apiVersion`/`kind` are the kind it describes (absent: any kind); `simulate` and `evaluateConcrete`
 * refuse it for a resource of another kind.
 *
 * @example
 * import { deploymentAvailable, type ObservedState } from 'typekro/testing';
 * const state: ObservedState = deploymentAvailable();
 * [state.kind, state.description]; // => ['Deployment', 'Deployment available']
 */
export interface ObservedState {
  readonly apiVersion?: string;
  readonly kind?: string;
  /** What it models (`Deployment available`), for messages. */
  readonly description: string;
  /** The object as the API server would return it, from the applied manifest (undefined when it is not rendered yet). */
  object(applied: Record<string, unknown> | undefined): Record<string, unknown>;
}

/**
 * True for an {@link ObservedState} built by the test kit's helpers or by hand.
 * @example isObservedState({ description: 'x', object: () => ({}) }); // true
 */
export function isObservedState(value: unknown): value is ObservedState {
  return typeof value === 'object' && value !== null && typeof (value as { object?: unknown }).object === 'function' && typeof (value as { description?: unknown }).description === 'string';
}

/** The resource an observed entry is for: its id and kind. */
interface ObservedTarget {
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * Refuses an observed entry (a state or a partial object) of another kind than its resource, and one that is
 * not an object: a wrong entry would be laid over the manifest and answer for a cluster that cannot exist.
 * @example checkObservedKind({ id: 'web', apiVersion: 'apps/v1', kind: 'Deployment' }, { kind: 'Service' }, 'observed["web"]'); // throws USAGE
 */
export function checkObservedKind(resource: ObservedTarget, item: unknown, where: string): void {
  if (typeof item !== 'object' || item === null) throw new TypeKroError('USAGE', `${where}: expected an object (a partial ${resource.kind}) or an observed state such as created(), got ${JSON.stringify(item)}`);
  const state = isObservedState(item);
  const kind = state ? item.kind : (item as Record<string, unknown>).kind;
  const apiVersion = state ? item.apiVersion : (item as Record<string, unknown>).apiVersion;
  const what = state ? `${item.description} (an observed state for a ${String(kind)})` : `an object of kind ${String(kind)}`;
  if (kind !== undefined && kind !== resource.kind) {
    throw new TypeKroError('USAGE', `${where}: resource "${resource.id}" is ${withArticle(resource.kind)} (${resource.apiVersion}) but was given ${what}; observe it with ${withArticle(resource.kind)} state, or a partial object such as { status: { ... } }`);
  }
  if (apiVersion !== undefined && apiVersion !== resource.apiVersion) {
    throw new TypeKroError('USAGE', `${where}: resource "${resource.id}" is ${resource.apiVersion} ${resource.kind} but was given apiVersion ${String(apiVersion)}; drop apiVersion or use ${resource.apiVersion}`);
  }
}
