/**
 * What a concrete run collects (a draft per resource, an item per factory call) and each item as the cluster
 * holds it: the manifest JavaScript built, overlaid by the observed object the caller gave.
 */
import { T, type CelType } from '../ir/types.js';
import type { ConditionKind, ResourceRecord } from '../model/resource.js';
import { overlay, withoutNullFields } from './concrete-observed-data.js';
import { observedView, type ObservedViews } from './concrete-view.js';
import { normalizeConcrete } from './concrete-value.js';
import { isObservedState } from './observed-state.js';
import { TypeKroError } from '../util/errors.js';
import { isClusterScopedKind } from '../util/kinds.js';

/**
 * Observed objects by resource id: one object, or a list (one per item) for a collection.
 *
 * @example
 * import type { ObservedObjects } from 'typekro';
 * const observed: ObservedObjects = new Map([['web', { status: { readyReplicas: 2 } }]]);
 * observed.size; // => 1
 */
export type ObservedObjects = ReadonlyMap<string, object | readonly object[]>;

/**
 * One call of a factory (one item of a collection).
 * @example run.drafts[0].items[0].conditions; // [{ kind: 'readyWhen', input: (self) => ... }]
 */
export interface ConcreteItem {
  readonly record: ResourceRecord;
  readonly index: number;
  /** The inputs of `withReadyWhen` / `withIncludeWhen` calls, in call order. */
  readonly conditions: { readonly kind: ConditionKind; readonly input: unknown }[];
}

/**
 * A resource as the concrete run saw it: one item, or several when its call sits in a loop the graph made a forEach.
 * @example run.drafts.map((draft) => [draft.id, draft.items.length]); // [['web', 1], ['regions', 2]]
 */
export interface ConcreteDraft {
  id: string;
  readonly collection: boolean;
  readonly items: ConcreteItem[];
  readonly type: CelType;
}

/** The type of an untyped kind's top-level field (a custom resource's status): still an object. One value, so views of it are shared. */
const UNTYPED_OBJECT: CelType = Object.freeze(T.object(Object.freeze({}), true));

/** The items of a concrete run as the cluster holds them, and the views the user's handles read of them. */
export class ClusterObjects {
  private readonly objects = new Map<ConcreteItem, object | undefined>();
  /** One view per observed object, so that two reads of one list or object are one value, as in JavaScript. */
  private readonly views: ObservedViews = new WeakMap();

  constructor(
    private readonly observed: ObservedObjects,
    /** The instance's metadata: its namespace is where a deploy puts a namespaced object without one. */
    private readonly metadata: Record<string, unknown>,
  ) {}

  /** The observed object of one item, or `undefined` when it is not observed. */
  observedItem(draft: ConcreteDraft, index: number): object | undefined {
    const found = this.observed.get(draft.id);
    if (found === undefined) return undefined;
    if (Array.isArray(found) !== draft.collection) {
      throw new TypeKroError('USAGE', `observed["${draft.id}"] must be ${draft.collection ? 'a list (the resource is a collection)' : 'one object, not a list'}`);
    }
    return Array.isArray(found) ? (found as readonly object[])[index] : (found as object);
  }

  /**
   * One item as the cluster holds it: the manifest JavaScript built, overlaid by the observed object (a
   * handle reads `cm.data.tier` from its own manifest when the observed object does not repeat it);
   * `undefined` when it is not observed (KRO waits for it to exist).
   */
  private clusterObject(draft: ConcreteDraft, item: ConcreteItem): object | undefined {
    // Its factory has returned by the time a handle is read, so the manifest is complete: built once.
    if (this.objects.has(item)) return this.objects.get(item);
    const observed = this.observedItem(draft, item.index);
    const object = observed === undefined ? undefined : this.overlaid(draft, item, observed);
    this.objects.set(item, object);
    return object;
  }

  private overlaid(draft: ConcreteDraft, item: ConcreteItem, observed: object): object {
    const manifest = item.record.external ? {} : normalizeConcrete(item.record.manifest, `resource "${draft.id}"`).value;
    // A deploy puts a namespaced object without a namespace into the instance's namespace.
    const namespace = this.metadata.namespace;
    const placed = typeof namespace === 'string' && !isClusterScopedKind(item.record.kind) ? overlay({ metadata: { namespace } }, manifest) : manifest;
    // A state (`deploymentAvailable()`) means one thing, as in `simulate`: its object() of the applied manifest.
    if (isObservedState(observed)) return withoutNullFields({ apiVersion: item.record.apiVersion, kind: item.record.kind, ...observed.object(placed as Record<string, unknown>) }) as object;
    return withoutNullFields(overlay(placed, observed)) as object;
  }

  /** `self` of a readyWhen callback: the object as the cluster holds it, typed like the resource. */
  observedSelf(draft: ConcreteDraft, index: number): unknown {
    const object = this.clusterObject(draft, draft.items[index]!);
    return object === undefined ? undefined : observedView(object, draft.type, false, undefined, this.views);
  }

  /** A top-level field of the item's handle: its observed value, typed like the resource; `noteRead` when the item is not observed. */
  fieldOf(draft: ConcreteDraft, item: ConcreteItem, field: string, noteRead: () => void): unknown {
    const object = this.clusterObject(draft, item) as Record<string, unknown> | undefined;
    if (object === undefined) noteRead();
    const type = draft.type.kind === 'object' ? draft.type.fields[field]?.type : undefined;
    // A top-level field of an untyped kind (a custom resource's status) is still an object.
    return observedView(object?.[field], type === undefined || type.kind === 'dyn' ? UNTYPED_OBJECT : type, object === undefined, undefined, this.views);
  }
}
