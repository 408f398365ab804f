/**
 * Two rendered objects of one instance that name the same object (same apiVersion, kind, namespace and name:
 * two forEach items whose names coincide, two resources named from spec fields that happen to be equal):
 * applying both would leave one object holding the last one's content while the deploy reports both. The
 * planner checks every plan it makes (engine/plan.ts), so every consumer of the rendered objects refuses the
 * same way with the same message: deploy (both modes, before the first write: engine/nameable.ts, where the
 * deploy adds that nothing was applied), plan,
 * status, toYaml/render/check, simulate; evaluateConcrete checks the manifests JavaScript built with the same
 * function.
 */
import { TypeKroError } from '../../util/errors.js';
import { kindScope } from '../../util/kinds.js';
import { duplicateObjectMessage, objectKey, type ObjectIdentity } from '../../util/object-identity.js';

/** A rendered object of a resource: a manifest as the planner renders it, or as direct mode finalizes it. */
export interface RenderedObject {
  readonly resourceId: string;
  readonly manifest: Readonly<Record<string, unknown>>;
}

/**
 * Two rendered objects name one object (SPEC_INVALID): `first` and `second` are the resource ids (equal for
 * two items of one collection). The message says which, and how to fix it; it does not say whether anything
 * was applied (the deploy's preflight adds that it refused before the first write: refusedBeforeWrites).
 */
export class DuplicateObjectError extends TypeKroError {
  override readonly name: string = 'DuplicateObjectError';
  constructor(
    readonly first: string,
    readonly second: string,
    readonly identity: ObjectIdentity,
    nothingApplied = false,
  ) {
    super('SPEC_INVALID', `${duplicateObjectMessage(first, second, identity)}; give them different names (check the spec values their names are made of)${nothingApplied ? '. Nothing was applied' : ''}`);
  }
}

/**
 * The error a deploy throws when its check before the first write refuses: a DuplicateObjectError says then
 * that nothing was applied (both modes' preflights); any other error is returned as it is.
 *
 * @example
 * ```ts
 * try { await preflight(); } catch (error) { throw refusedBeforeWrites(error); }
 * ```
 */
export function refusedBeforeWrites(error: unknown): unknown {
  return error instanceof DuplicateObjectError ? new DuplicateObjectError(error.first, error.second, error.identity, true) : error;
}

/**
 * The object a rendered manifest names, its namespace as KRO and direct mode place it: a namespaced kind
 * without one goes to `defaultNamespace` (the instance's), a cluster-scoped kind has none. A kind of unknown
 * scope counts as namespaced. `undefined` when the name is not a string (generateName, not known yet).
 */
export function renderedIdentity(manifest: Readonly<Record<string, unknown>>, defaultNamespace: string | undefined): ObjectIdentity | undefined {
  const { name, namespace } = (manifest.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  if (typeof name !== 'string') return undefined;
  const [apiVersion, kind] = [String(manifest.apiVersion), String(manifest.kind)];
  const placed = kindScope(apiVersion, kind) === 'Cluster' ? undefined : typeof namespace === 'string' && namespace !== '' ? namespace : defaultNamespace;
  return { apiVersion, kind, name, ...(placed !== undefined ? { namespace: placed } : {}) };
}

/**
 * The key of each manifest, by the namespace it was keyed with: the planner checks every plan, and a plan
 * reuses the manifests of the decisions it keeps (PlanCache), so each manifest is keyed once, not per event.
 */
const keys = new WeakMap<object, { readonly namespace: string | undefined; readonly key: string | undefined }>();

function keyOf(manifest: Readonly<Record<string, unknown>>, defaultNamespace: string | undefined): { key: string; identity: () => ObjectIdentity } | undefined {
  const known = keys.get(manifest);
  const key = known && known.namespace === defaultNamespace ? known.key : keyed(manifest, defaultNamespace);
  return key === undefined ? undefined : { key, identity: () => renderedIdentity(manifest, defaultNamespace)! };
}

function keyed(manifest: Readonly<Record<string, unknown>>, defaultNamespace: string | undefined): string | undefined {
  const identity = renderedIdentity(manifest, defaultNamespace);
  const key = identity && objectKey(identity);
  keys.set(manifest, { namespace: defaultNamespace, key });
  return key;
}

/**
 * Throws {@link DuplicateObjectError} naming both resource ids and the object when two rendered objects name
 * the same object.
 *
 * @example
 * ```ts
 * checkDistinctObjects([
 *   { resourceId: 'a', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same' } } },
 *   { resourceId: 'b', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'dev' } } },
 * ], 'dev'); // throws: resources "a" and "b" both make ConfigMap "same" in namespace dev ...
 * ```
 */
export function checkDistinctObjects(objects: Iterable<RenderedObject>, defaultNamespace: string | undefined): void {
  refuseDuplicates(objects, (manifest) => keyOf(manifest, defaultNamespace));
}

/**
 * {@link checkDistinctObjects} for objects as a deploy sends them (`finalizeManifest`, the kind's scope from
 * the API server): a namespaced object names its namespace, so one without is cluster-scoped. Offline, a
 * custom kind of unknown scope counts as namespaced, and two objects of a cluster-scoped one in two namespaces
 * would both be applied to the one object.
 *
 * @example
 * ```ts
 * checkDistinctFinalObjects([
 *   { resourceId: 'a', manifest: { apiVersion: 'example.com/v1', kind: 'Zone', metadata: { name: 'same' } } },
 *   { resourceId: 'b', manifest: { apiVersion: 'example.com/v1', kind: 'Zone', metadata: { name: 'same' } } },
 * ]); // throws: resources "a" and "b" both make Zone "same" ...
 * ```
 */
export function checkDistinctFinalObjects(objects: Iterable<RenderedObject>): void {
  refuseDuplicates(objects, (manifest) => {
    const { name, namespace } = (manifest.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    if (typeof name !== 'string') return undefined;
    const identity: ObjectIdentity = { apiVersion: String(manifest.apiVersion), kind: String(manifest.kind), name, ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}) };
    return { key: objectKey(identity), identity: () => identity };
  });
}

function refuseDuplicates(objects: Iterable<RenderedObject>, keyOf: (manifest: Readonly<Record<string, unknown>>) => { key: string; identity: () => ObjectIdentity } | undefined): void {
  const seen = new Map<string, string>();
  for (const { resourceId, manifest } of objects) {
    const keyed = keyOf(manifest);
    if (!keyed) continue;
    const first = seen.get(keyed.key);
    if (first !== undefined) throw new DuplicateObjectError(first, resourceId, keyed.identity());
    seen.set(keyed.key, resourceId);
  }
}
