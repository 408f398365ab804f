/**
 * A concrete run: the composition function executed with plain values (see concrete.ts). It implements
 * the same run hooks as the compiling run, so factories behave exactly as they do when compiling; it
 * only collects what JavaScript decided, and hands out observed values instead of references.
 */
import type { CompositionGraph } from '../ir/graph.js';
import { E } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { observedType } from '../model/kube-types.js';
import { withNestedIncludeWhen, withNestedRecords, type ResourceRecord } from '../model/resource.js';
import type { CompositionRunHooks } from '../model/run.js';
import type { IteratorRoot } from '../model/refs.js';
import { applyDefaults } from '../model/schema/index.js';
import { concreteSourceOf } from './concrete-source.js';
import { absentValue, isAbsent, isPending, observedView } from './concrete-view.js';
import { opaqueInJavaScript } from './concrete-value.js';
import type { ExprValue } from '../ir/value.js';
import { assignId } from './ids.js';
import { nestPrefixBase, prefixed } from './nest.js';
import { kindCheckedSpec } from './nest-kinds.js';
import { currentCallSite, type CompositionSource } from './source-site.js';
import { pendingStatusPaths } from './concrete-reads.js';
import { chainOf, frameOf, pendingArguments, siteKey, withPendingFields, type Frame } from './concrete-frame.js';
import { candidateFor, iterationFor } from './concrete-resource-match.js';
import { ClusterObjects, type ConcreteDraft, type ConcreteItem, type ObservedObjects } from './concrete-drafts.js';
import { TypeKroError } from '../util/errors.js';

/**
 * The run hooks of a concrete evaluation (used by `runConcrete`).
 * @example
 * const run = new ConcreteRun(source, composition.graph, new Map());
 * const status = withRun(run, () => compose(spec));
 * run.drafts; // the resources JavaScript created
 */
export class ConcreteRun implements CompositionRunHooks {
  readonly drafts: ConcreteDraft[] = [];
  private readonly frames: Frame[] = [];
  private readonly items = new WeakMap<ResourceRecord, { draft: ConcreteDraft; item: ConcreteItem }>();
  /** Each item as the cluster holds it (the observed objects overlaid on the manifests). */
  private readonly cluster: ClusterObjects;

  constructor(
    source: CompositionSource | undefined,
    graph: CompositionGraph,
    observed: ObservedObjects,
    /** The instance's metadata, which nested compositions read as their own (they are inlined into it). */
    private readonly metadata: Record<string, unknown> = {},
  ) {
    this.cluster = new ClusterObjects(observed, this.metadata);
    this.frames.push(frameOf(source, graph, ''));
  }

  /** Continues with another function of the same definition (toResourceGraph's status builder). */
  switchTo(source: CompositionSource | undefined): void {
    const frame = this.frames[0]!;
    this.frames[0] = { ...frame, source };
  }

  /** True between a factory's `prepareArguments` and its `register`: the factory's own code is running. */
  private building = false;

  prepareArguments(_factoryName: string, config: unknown, argument = 0): unknown {
    // JavaScript already computed every argument from plain values: nothing to compile from source; what it
    // computed from a read with no value is pending in the manifest.
    this.building = true;
    return pendingArguments(this.frames[this.frames.length - 1]!, config, argument);
  }

  register(record: ResourceRecord): void {
    this.building = false;
    const frame = this.frames[this.frames.length - 1]!;
    const site = frame.source ? currentCallSite(frame.source) : undefined;
    const key = site ? siteKey(site.location) : '';
    const candidates = frame.bySite.get(key) ?? [];
    const loopNode = iterationFor(candidates.filter((node) => node.forEach.length > 0 && (!record.explicitId || node.id === record.id)), record.manifest);
    let local: string;
    if (record.explicitId) local = record.id;
    else if (loopNode) local = loopNode.id;
    else {
      const index = candidateFor(candidates, frame.used.get(key) ?? 0, record.manifest);
      frame.used.set(key, index + 1);
      local = candidates[index]?.id ?? assignId(record, site?.context.declaredAs, frame.taken);
    }
    frame.taken.add(local);
    const id = this.frames.reduceRight((acc, f) => (f.prefix ? prefixed(f.prefix, acc) : acc), local);
    record.id = id;
    record.conditionCompiler = (kind, input, target) => {
      this.items.get(target)?.item.conditions.push({ kind, input });
      return E.bool(true);
    };
    const existing = loopNode ? this.drafts.find((draft) => draft.id === id) : undefined;
    const draft = existing ?? { id, collection: loopNode !== undefined, items: [], type: observedType(record.modelName, record.manifest) };
    if (!existing) this.drafts.push(draft);
    const item: ConcreteItem = { record, index: draft.items.length, conditions: [] };
    draft.items.push(item);
    this.items.set(record, { draft, item });
  }

  enterLoop(_iterator: IteratorRoot): void {
    throw new TypeKroError('INTERNAL', 'internal: a concrete run has no references to loop over');
  }

  exitLoop(_iterator: IteratorRoot): void {
    throw new TypeKroError('INTERNAL', 'internal: a concrete run has no references to loop over');
  }

  /** Runs the child composition's function in place, its resources prefixed as the graph inlines them. */
  nest(child: unknown, spec: unknown, composition?: unknown): unknown {
    const graph = child as CompositionGraph;
    const concrete = concreteSourceOf(composition);
    if (!concrete || concrete.form !== 'composition') {
      throw new TypeKroError('USAGE', `concrete evaluation: nested composition "${graph.name}" was not defined with kubernetesComposition, so its function cannot be run again`);
    }
    const parent = this.frames[this.frames.length - 1]!;
    const prefix = this.nestPrefix(parent, graph);
    parent.taken.add(prefix);
    const before = this.drafts.length;
    let status: unknown;
    let pending: string[];
    const given = pendingArguments(parent, spec, 0);
    this.frames.push(frameOf(concrete.source, graph, prefix));
    try {
      // The child's compiled CEL fails where it reads a value of another kind (nest-kinds.ts), and so does its run here.
      const spec = kindCheckedSpec(applyDefaults(graph.spec, given), graph.spec, { owner: `nested composition ${JSON.stringify(graph.name)}`, path: [] });
      status = concrete.compose(spec, { metadata: this.metadata });
      pending = [...this.pendingStatusPaths(), ...this.absentStatusPaths()];
    } finally {
      this.frames.pop();
    }
    const records = this.drafts.slice(before).flatMap((draft) => draft.items.map((item) => item.record));
    return withNestedIncludeWhen(withNestedRecords({ status: withPendingFields(status, pending, () => this.noteUnobservedRead()) }, records), records);
  }

  /**
   * The prefix the compiling run gave the child called here: by call site (the n-th call at a site gets the
   * n-th prefix made there), so a call an `if` skipped does not shift the others. A child none of whose
   * resources is in the graph gets a fresh prefix, as the compiling run would.
   */
  private nestPrefix(parent: Frame, graph: CompositionGraph): string {
    const site = parent.source ? currentCallSite(parent.source) : undefined;
    const key = site ? siteKey(site.location) : '';
    const used = parent.nestsUsed.get(key) ?? 0;
    parent.nestsUsed.set(key, used + 1);
    const compiled = parent.nestsBySite.get(key)?.[used];
    if (compiled !== undefined) return compiled;
    const base = nestPrefixBase(site?.context.declaredAs, graph.kind);
    const taken = [...parent.taken, ...[...parent.nestsBySite.values()].flat()];
    let prefix = base;
    for (let n = 2; taken.some((id) => id.startsWith(prefix)); n++) prefix = `${base}${n}`;
    return prefix;
  }

  /** A `Cel.*` value has no JavaScript value: it stays opaque, also inside strings built from it. */
  celValue(value: ExprValue): unknown {
    return opaqueInJavaScript(value);
  }

  /** `Cel.has` of a plain value: present unless `undefined` or absent; a field of an unobserved resource stays pending. */
  plainHas(value: unknown): unknown {
    if (isPending(value)) return value;
    return value !== undefined && !isAbsent(value);
  }

  /**
   * A `Cel.*` call over a part with no value yet: pending, as its compiled CEL (a failed read) is. A field of a
   * resource not observed was noted where it was read; `undefined` or an absent field is noted here, where
   * the call builds a value from it, so the status fields computed here are pending (concrete-reads.ts).
   */
  celPending(parts: readonly unknown[]): unknown {
    if (parts.some(isPending)) return observedView(undefined, T.dyn, true);
    if (!parts.some((part) => part === undefined || isAbsent(part))) return undefined;
    this.noteAbsentUse();
    return absentValue();
  }

  /** The handle the user holds: observed values by field, the resource methods kept (and chaining to this handle). */
  handleFor(record: ResourceRecord, handle: unknown): unknown {
    const methods = handle as Record<string, (...args: unknown[]) => unknown>;
    const self: object = new Proxy(Object.create(null) as object, {
      get: (_, prop) => {
        if (typeof prop === 'symbol') return (handle as Record<symbol, unknown>)[prop];
        if (prop === 'withReadyWhen' || prop === 'withIncludeWhen' || prop === 'dependsOn') {
          return (...args: unknown[]) => {
            methods[prop]!(...args);
            return self;
          };
        }
        if (prop === 'apiVersion' || prop === 'kind') return record[prop];
        if (prop === 'then') return undefined;
        return this.fieldOf(record, prop);
      },
    });
    return self;
  }

  /**
   * The status fields (`a.b`) the running function (the composition's, or a nested child's while it runs)
   * computed from a resource that is not observed: pending, as on a cluster.
   */
  pendingStatusPaths(): string[] {
    const frame = this.frames[this.frames.length - 1]!;
    return frame.source ? pendingStatusPaths(frame.source, frame.reads, frame.factorySites) : [];
  }

  /**
   * The status fields the running function computed from an absent field of an observed resource by
   * building a value from it (concrete-view.ts): pending, as the CEL is, whatever JavaScript made of it.
   */
  absentStatusPaths(): string[] {
    const frame = this.frames[this.frames.length - 1]!;
    return frame.source ? pendingStatusPaths(frame.source, frame.absentUses, frame.factorySites) : [];
  }

  /**
   * Called by a placeholder of an absent field when the code builds a value from it (concrete-view.ts): true
   * when noted where the composition's function (not a factory's own code) did it, so the fields computed
   * there are pending by their place in the source.
   */
  noteAbsentUse(): boolean {
    return this.noteUnobservedRead('absentUses') && !this.building;
  }

  /**
   * Called by a placeholder of a resource not observed when the code builds a value from it (text, a number,
   * an iteration): true when that happened in the composition's function (not a factory's own code), where
   * the place is noted as a read too. Its read was noted where it was made, but the placeholder may have
   * reached this place through a binding the source rule does not follow (a property of a local object, a
   * callback's parameter): what is computed here is pending all the same, as the compiled CEL is.
   */
  notePendingUse(): boolean {
    return !this.building && this.noteUnobservedRead('reads');
  }

  /**
   * Notes where the running function reads a field of an unobserved resource (or, `absentUses`, builds a
   * value from an absent field): its frames in that function, innermost first (the callers of the function are not).
   */
  private noteUnobservedRead(list: 'reads' | 'absentUses' = 'reads'): boolean {
    const frame = this.frames[this.frames.length - 1]!;
    if (!frame.source) return false;
    const { chain, inside } = chainOf(frame.source);
    if (inside.length === 0) return false;
    frame[list].push(inside);
    frame.chains.set(inside, chain);
    return true;
  }

  /** The observed object of one item, or `undefined` when it is not observed. */
  observedItem(draft: ConcreteDraft, index: number): object | undefined {
    return this.cluster.observedItem(draft, index);
  }

  /** `self` of a readyWhen callback: the object as the cluster holds it, typed like the resource. */
  observedSelf(draft: ConcreteDraft, index: number): unknown {
    return this.cluster.observedSelf(draft, index);
  }

  private fieldOf(record: ResourceRecord, field: string): unknown {
    const entry = this.items.get(record);
    if (!entry) throw new TypeKroError('INTERNAL', `internal: resource "${record.id}" is not part of this concrete run`);
    return this.cluster.fieldOf(entry.draft, entry.item, field, () => this.noteUnobservedRead());
  }
}
