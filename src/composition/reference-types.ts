/**
 * The static types of references during one composition run, which compiled expressions and field checks
 * read for every reference: a spec field's (the spec schema), a loop item's (its list's item type), a
 * resource field's (the type observed from the resource's manifest, computed once per record: a record's
 * manifest is final once registered). A read of a resource made in a loop over a reference is refused
 * here, where every such read passes: it names a KRO collection, not one object.
 */
import { fieldOf, T, type CelType } from '../ir/types.js';
import { observedType } from '../model/kube-types.js';
import type { RefData } from '../model/refs.js';
import type { ResourceRecord } from '../model/resource.js';
import { collectionRead } from './collections.js';
import { schemaType } from './parameters.js';

export class ReferenceTypes {
  /** The records by id: a reference's type is looked up for every read. */
  private readonly byId = new Map<string, ResourceRecord>();
  private readonly observed = new WeakMap<ResourceRecord, CelType>();
  /** Observed types by model and the paths a template sets (see `observedType`). */
  private readonly shapes = new Map<string, CelType>();
  /** Nested composition handles by their pseudo root, typed by the child's status schema. */
  private readonly nested = new Map<string, CelType>();

  /** `records` is the run's list of records, read live: it holds a record again once its id changed. */
  constructor(
    private readonly specType: CelType,
    private readonly records: readonly ResourceRecord[],
  ) {}

  /** Indexes a record the run registered under its id. */
  add(record: ResourceRecord): void {
    this.byId.set(record.id, record);
  }

  /**
   * Types a nested composition handle's reads (`q.status.bytes`) by the child's status schema, so a
   * `'number'` field is a double wherever the parent uses it (as text, in an integer field) and not `dyn`.
   */
  addNested(root: string, type: CelType): void {
    this.nested.set(root, type);
  }

  /** The static type a reference has (spec field, resource field, loop item). */
  refType(ref: RefData): CelType {
    let type = this.rootType(ref);
    for (const segment of ref.path) {
      if (typeof segment === 'number') type = type.kind === 'list' ? type.item : T.dyn;
      else type = fieldOf(type, segment)?.type ?? T.dyn;
    }
    return type;
  }

  /** The type of the resource a record makes, as the cluster will give it back (see `observedType`). */
  observedTypeOf(record: ResourceRecord): CelType {
    let type = this.observed.get(record);
    if (!type) {
      type = observedType(record.modelName, record.manifest, this.shapes);
      this.observed.set(record, type);
    }
    return type;
  }

  private rootType(ref: RefData): CelType {
    const root = ref.root;
    if (root.kind === 'schema') return schemaType(this.specType);
    if (root.kind === 'iterator') {
      if (root.iterator.compiled) return root.iterator.compiled.itemType;
      const list = this.refType(root.iterator.source);
      return list.kind === 'list' ? list.item : T.dyn;
    }
    const id = root.resource.id();
    const nested = this.nested.get(id);
    if (nested) return nested;
    // toResourceGraph renames resources after its builder ran: then the index misses and the list decides.
    const indexed = this.byId.get(id);
    const record = indexed?.id === id ? indexed : this.records.find((candidate) => candidate.id === id);
    if (record && record.forEach.length > 0) throw collectionRead(ref, record);
    return record ? this.observedTypeOf(record) : T.dyn;
  }
}
