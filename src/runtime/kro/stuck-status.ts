/**
 * A status field KRO can never write for the deployed spec. When a status expression fails (a division by a
 * replica count of 0 the spec set), KRO writes neither the instance's status nor a condition, not even for
 * the new generation, and a deploy would wait until its deadline. Failing early must never fail a deploy
 * that is only in progress (KRO still applying the spec, or still reconciling an older one, a Deployment's
 * status still changing), so the verdict is given only when it cannot change while the spec and the graph stay:
 * - every object the graph renders for this spec (from the spec and the other rendered objects alone) is in
 *   the cluster, made by KRO, with every field the render writes stored as written: the objects are this
 *   spec's, and KRO's apply would leave them as they are;
 * - the status expression fails reading only what the render writes: evaluated on the rendered objects as
 *   stand-ins (`cel/stand-in.ts`: a field they do not set, such as every status, is unknown and makes it
 *   pending), so nothing the cluster changes later (readyReplicas, a controller's annotation) can mend it;
 * - the failing expression has no operator that swallows an error of one operand when the other decides
 *   (`||`, `&&`, and the macros `all`, `exists`, `exists_one`): an unknown read swallowed there would hide
 *   that the live value could decide the result.
 */
import { SchemaCache } from '../direct/schemas.js';
import { createPlanCache, firstFailure, instanceStatus, isUnsafeInteger, planInstance, type EvaluationFailure, type InstanceIdentity, type KubeObject, type PreparedGraph } from '../engine/index.js';
import { storedQuantities } from '../engine/stored-quantities.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import type { OpenApiDocuments } from '../kube/openapi.js';
import type { OpenApiSchema } from '../cel/index.js';

/**
 * The status field that fails for good for `input` (see the file's comment), or undefined when that is not
 * certain (yet), judged on the instance's children `live` (by resource id, as the deploy's poll listed them).
 *
 * @example
 * ```ts
 * const failure = await certainStatusFailure(client, prepared, { spec, instance }, live, call);
 * failure?.field; // => 'status.q' once KRO made the Deployment with replicas 0 that `n / web.spec.replicas` divides by
 * ```
 */
export async function certainStatusFailure(
  client: KubeClient,
  prepared: PreparedGraph,
  input: { readonly spec: unknown; readonly instance: InstanceIdentity },
  live: ReadonlyMap<string, readonly KubeObject[]>,
  call: CallOptions,
  /** The OpenAPI documents kept between calls (the deploy polls): each is read once while its hash stays. */
  documents?: OpenApiDocuments,
): Promise<EvaluationFailure | undefined> {
  // Typed as the live objects are (a Secret's data is bytes).
  const schemas = new SchemaCache(client, documents);
  for (const [id, objects] of live) if (objects[0]) await schemas.remember(id, objects[0], call);
  return statusFailureFor(prepared, { ...input, schemas: schemas.byId }, live);
}

/**
 * {@link certainStatusFailure} on the children read (`live`, by resource id) and their schemas.
 *
 * @example
 * ```ts
 * statusFailureFor(prepared, { spec: { n: 7, m: 0 }, instance }, new Map([['web', [liveDeployment]]]))?.field; // => 'status.q'
 * ```
 */
export function statusFailureFor(
  prepared: PreparedGraph,
  input: { readonly spec: unknown; readonly instance: InstanceIdentity; readonly schemas?: ReadonlyMap<string, OpenApiSchema> },
  live: ReadonlyMap<string, readonly KubeObject[]>,
): EvaluationFailure | undefined {
  const observed = new Map<string, KubeObject | readonly KubeObject[]>();
  const cache = createPlanCache();
  for (;;) {
    const planInput = { ...input, observed, readiness: 'exists' as const, standIns: true };
    const plan = planInstance(prepared, planInput, cache);
    let progressed = false;
    for (const id of plan.order) {
      const node = plan.nodes.get(id);
      if (node?.state !== 'apply' || observed.has(id)) continue;
      if (!madeAsRendered(node.manifests, live.get(id) ?? [])) return undefined;
      observed.set(id, node.collection ? node.manifests : node.manifests[0]!);
      progressed = true;
    }
    if (progressed) continue;
    const failure = firstFailure(prepared, plan, instanceStatus(prepared, planInput));
    // TypeKro's int rule is no CEL error: KRO writes the exact int64 value there (review 38), so it is no verdict.
    if (!failure || failure.resourceId !== undefined || failure.cel === undefined || swallowsErrors(failure.cel) || isUnsafeInteger(failure)) return undefined;
    return { ...failure, specFields: [...failure.specFields, ...resourceFieldsRead(failure.cel, prepared)] };
  }
}

/**
 * The fields of the instance's objects a status CEL reads (`web.spec.replicas`): the value that fails may come
 * from the spec through them (review 38: a division by `web.spec.replicas`, which `spec.m` set, named only
 * `spec.n`).
 */
function resourceFieldsRead(cel: string, prepared: PreparedGraph): string[] {
  const ids = new Set(prepared.graph.resources.map((resource) => resource.id));
  const reads = [...cel.matchAll(/\b([A-Za-z_]\w*)((?:\.\??[A-Za-z_]\w*(?![\w(]))+)/g)].filter((m) => ids.has(m[1]!)).map((m) => `${m[1]}${m[2]!.replaceAll('?', '')}`);
  return [...new Set(reads)];
}

/** The live objects of a resource are its rendered ones, one each, with every written field as stored. */
function madeAsRendered(manifests: readonly KubeObject[], objects: readonly KubeObject[]): boolean {
  if (manifests.length !== objects.length) return false;
  return manifests.every((manifest) => objects.some((object) => writtenAsStored(storedQuantities(manifest), object)));
}

/**
 * True when every field `written` sets is in `stored` with the same value: maps by key (the cluster may add
 * keys), lists item by item and of the same length, other values equal. Strict where a stand-in and the
 * live object would read differently: an empty map or list matches only an empty one (`has()` tells them
 * from an absent field), a null only a null.
 *
 * @example
 * ```ts
 * writtenAsStored({ spec: { replicas: 0 } }, { spec: { replicas: 0, paused: false }, status: {} }); // => true
 * writtenAsStored({ spec: { replicas: 0 } }, { spec: { replicas: 2 } }); // => false
 * ```
 */
export function writtenAsStored(written: unknown, stored: unknown): boolean {
  if (Array.isArray(written)) return Array.isArray(stored) && written.length === stored.length && written.every((item, i) => writtenAsStored(item, stored[i]));
  if (isRecord(written)) return isRecord(stored) && Object.entries(written).every(([key, value]) => writtenAsStored(value, stored[key]));
  return written === stored;
}

/**
 * True when a CEL text may swallow an operand's error: `||` and `&&` (an error on one side and a decisive
 * value on the other), `all`, `exists`, `exists_one` (an item's error and a decisive item). Text only: a
 * literal containing `||` counts too, which only withholds a verdict.
 *
 * @example
 * ```ts
 * swallowsErrors('schema.spec.n / web.spec.replicas'); // => false
 * swallowsErrors('web.status.ready || schema.spec.n / 0 > 1'); // => true
 * ```
 */
export function swallowsErrors(cel: string): boolean {
  return /\|\||&&|\.\s*(?:all|exists|exists_one)\s*\(/.test(cel);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
