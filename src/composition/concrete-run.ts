/**
 * A concrete run: the composition function executed with plain values (see concrete.ts). It implements
 * the same run hooks as the compiling run, so factories behave exactly as they do when compiling; it
 * only collects what JavaScript decided, and hands out observed values instead of references.
 */
import type { CompositionGraph, ResourceNode, SourceLocation } from '../ir/graph.js';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { observedType } from '../model/kube-types.js';
import { withNestedIncludeWhen, withNestedRecords, type ConditionKind, type ResourceRecord } from '../model/resource.js';
import type { CompositionRunHooks } from '../model/run.js';
import type { IteratorRoot } from '../model/refs.js';
import { applyDefaults } from '../model/schema/index.js';
import { concreteSourceOf } from './concrete-source.js';
import { absentValue, isAbsent, isPending, observedView, pendingLeaves, overlay, withoutNullFields, type ObservedViews } from './concrete-view.js';
import { normalizeConcrete, opaqueInJavaScript } from './concrete-value.js';
import { isExprValue, type ExprValue } from '../ir/value.js';
import { assignId } from './ids.js';
import { nestPrefixBase, prefixed } from './nest.js';
import { currentCallSite, within, type CompositionSource } from './source-site.js';
import { declarationsIn, pendingArgumentPaths, pendingStatusPaths, type Path, type UnobservedRead } from './concrete-reads.js';
import { levelsOf, pendingHelperArgumentPaths, type Chain } from './concrete-helper-reads.js';
import type { Node } from '@babel/types';
import { isObservedState } from './observed-state.js';
import { lazyUserFrames } from '../model/call-site.js';
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

interface Frame {
  readonly source: CompositionSource | undefined;
  readonly prefix: string;
  /** The compiled graph's resources by call site (`file:line:column`), to name resources as it does. */
  readonly bySite: ReadonlyMap<string, ResourceNode[]>;
  /** The prefixes of the nested compositions called at each call site, in the compiling run's order. */
  readonly nestsBySite: ReadonlyMap<string, string[]>;
  readonly used: Map<string, number>;
  readonly nestsUsed: Map<string, number>;
  readonly taken: Set<string>;
  /** The call sites of the resources and nested compositions, whose arguments feed manifests. */
  readonly factorySites: readonly SourceLocation[];
  /** Reads of a field of a resource that is not observed, in this function (see concrete-reads.ts). */
  readonly reads: UnobservedRead[];
  /** Where the function built a value from an absent field of an observed resource (concrete-view.ts `noteAbsentUse`). */
  readonly absentUses: UnobservedRead[];
  /** How many reads and how many uses there were at each factory call's previous run (`site#argument`), for {@link ConcreteRun.pendingArguments}. */
  readonly usesAtCall: Map<string, { readonly reads: number; readonly absentUses: number }>;
  /** The function's locals' initialisers (concrete-reads.ts `declarationsIn`), walked on first need. */
  readonly cache: { declarations?: ReadonlyMap<string, readonly Node[]> };
  /** Each noted read's or use's whole chain (helper frames included, concrete-helper-reads.ts), by its frames in the function. */
  readonly chains: WeakMap<UnobservedRead, Chain>;
}

const siteKey = (at: SourceLocation): string => `${at.file}:${at.line}:${at.column}`;

function frameOf(source: CompositionSource | undefined, graph: CompositionGraph, prefix: string): Frame {
  const bySite = new Map<string, ResourceNode[]>();
  const nestsBySite = new Map<string, string[]>();
  const factorySites: SourceLocation[] = [];
  for (const node of graph.resources) {
    const site = node.nestedAt?.site ?? node.source;
    if (site) factorySites.push(site);
    if (node.nestedAt) {
      const key = siteKey(node.nestedAt.site);
      const prefixes = nestsBySite.get(key) ?? [];
      if (!prefixes.includes(node.nestedAt.prefix)) nestsBySite.set(key, [...prefixes, node.nestedAt.prefix]);
    } else if (node.source) {
      const key = siteKey(node.source);
      bySite.set(key, [...(bySite.get(key) ?? []), node]);
    }
  }
  return { source, prefix, bySite, nestsBySite, used: new Map(), nestsUsed: new Map(), taken: new Set(), factorySites, reads: [], absentUses: [], usesAtCall: new Map(), cache: {}, chains: new WeakMap() };
}

/**
 * The graph's resource a call at a site with several belongs to (a loop over a constant list made one per
 * item). JavaScript makes them in item order but may skip items (`if (spec.env === e)`), so counting calls is
 * not enough: the first resource from `next` on whose literal fields (the item folded in: `name: cm-dev`) agree
 * with the manifest JavaScript made; the next one when none does.
 */
function candidateFor(candidates: readonly ResourceNode[], next: number, manifest: unknown): number {
  if (candidates.length - next <= 1) return next;
  const found = candidates.findIndex((node, index) => index >= next && literalsAgree(node.template, manifest));
  return found >= 0 ? found : next;
}

/**
 * The forEach resource a call at a site with several belongs to: a loop over a constant list inside a loop
 * over a reference made one per constant item (`for (const tag of ['x', 'y'])` in `for (const it of spec.items)`),
 * each with its item folded in (`t: x`, `name: ${it.name}-x`). JavaScript skips items per reference item
 * (`if (it.tags.includes(tag))`), so neither the call count nor the first resource tells the iteration: the
 * resource whose folded item agrees with the manifest JavaScript made does.
 */
function iterationFor(loopNodes: readonly ResourceNode[], manifest: unknown): ResourceNode | undefined {
  if (loopNodes.length <= 1) return loopNodes[0];
  return loopNodes.find((node) => literalsAgree(node.template, manifest)) ?? loopNodes[0];
}

/**
 * Whether every literal leaf of a compiled template equals the value at its path; an interpolated string's text
 * must stand in the value in order (`${spec.name}-dev` does not agree with `web-prod`); other expressions agree with anything.
 */
function literalsAgree(template: unknown, value: unknown): boolean {
  if (isExprValue(template)) return template.expr.kind !== 'template' || typeof value !== 'string' || textAgrees(template.expr.parts, value);
  if (Array.isArray(template)) return Array.isArray(value) && template.every((item, index) => literalsAgree(item, value[index]));
  if (typeof template === 'object' && template !== null) {
    if (typeof value !== 'object' || value === null) return false;
    return Object.entries(template).every(([key, item]) => literalsAgree(item, (value as Record<string, unknown>)[key]));
  }
  return template === value;
}

/** Whether `value` could be the string the template's parts make: its text parts in order, anything between. */
function textAgrees(parts: readonly (string | Expr)[], value: string): boolean {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = parts.map((part) => (typeof part === 'string' ? escape(part) : part.kind === 'literal' && part.literal.kind === 'string' ? escape(part.literal.value) : '[^]*')).join('');
  return new RegExp(`^${pattern}$`).test(value);
}

/**
 * `value` with its part at `path` (object keys) made pending (concrete-view.ts `pendingLeaves`), copied
 * along the path (the user's objects are not changed); a resource's `id` stays (it is a literal).
 */
function pendingAt(value: unknown, path: Path): unknown {
  if (path.length === 0) return pendingLeaves(value);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const [key, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(value, key) || (key === 'id' && rest.length === 0)) return value;
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
  copy[key] = pendingAt(copy[key], rest);
  return copy;
}

/**
 * The run hooks of a concrete evaluation (used by `runConcrete`).
 * @example
 * const run = new ConcreteRun(source, composition.graph, new Map());
 * const status = withRun(run, () => compose(spec));
 * run.drafts; // the resources JavaScript created
 */
/** The type of an untyped kind's top-level field (a custom resource's status): still an object. One value, so views of it are shared. */
const UNTYPED_OBJECT: CelType = Object.freeze(T.object(Object.freeze({}), true));

export class ConcreteRun implements CompositionRunHooks {
  readonly drafts: ConcreteDraft[] = [];
  private readonly frames: Frame[] = [];
  private readonly items = new WeakMap<ResourceRecord, { draft: ConcreteDraft; item: ConcreteItem }>();
  private readonly objects = new Map<ConcreteItem, object | undefined>();
  /** One view per observed object, so that two reads of one list or object are one value, as in JavaScript. */
  private readonly views: ObservedViews = new WeakMap();

  constructor(
    source: CompositionSource | undefined,
    graph: CompositionGraph,
    private readonly observed: ObservedObjects,
    /** The instance's metadata, which nested compositions read as their own (they are inlined into it). */
    private readonly metadata: Record<string, unknown> = {},
  ) {
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
    return this.pendingArguments(config, argument);
  }

  /**
   * The argument `position` of the factory (or nested composition) being called, with the leaves computed
   * from a read of a resource not observed or from an absent field (concrete-reads.ts `pendingArgumentPaths`)
   * made pending values: JavaScript gave them values (`` `${x}`.length `` is 9, `x + 1 > 0` is false) that
   * carry nothing, where the compiled CEL fails on the read. A use inside the call counts from the call's
   * previous run on (a loop runs it once per item); one in a local's initialiser always. A call made inside
   * a helper follows the chain of calls that led to it (concrete-helper-reads.ts): its argument is written in
   * the helper, which may run from several places.
   */
  private pendingArguments(config: unknown, position: number): unknown {
    const frame = this.frames[this.frames.length - 1]!;
    const source = frame.source;
    if (!source || frame.reads.length + frame.absentUses.length === 0) return config;
    const site = currentCallSite(source);
    if (!site) return config;
    const chain = site.direct ? undefined : this.chainOf(source).chain;
    const levels = chain && levelsOf(chain);
    const node = site.direct ? site.call.arguments[position] : levels?.[0]?.call.arguments[position];
    if (!node || node.type === 'SpreadElement' || node.type === 'ArgumentPlaceholder') return config;
    const key = `${(chain ?? [site.location]).map(siteKey).join('<')}#${position}`;
    // Each list by itself: a read noted after the previous run must not take the place of a use noted before it.
    const since = frame.usesAtCall.get(key) ?? { reads: 0, absentUses: 0 };
    frame.usesAtCall.set(key, { reads: frame.reads.length, absentUses: frame.absentUses.length });
    const counted = (['reads', 'absentUses'] as const).flatMap((list) => frame[list].filter((frames, i) => i >= since[list] || !frames.some((at) => within(site.call, at))));
    if (chain && levels) {
      return pendingHelperArgumentPaths(levels, chain, node, counted.map((frames) => frame.chains.get(frames) ?? frames)).reduce(pendingAt, config);
    }
    const declarations = (frame.cache.declarations ??= declarationsIn(source.fn));
    return pendingArgumentPaths(node, counted, declarations).reduce(pendingAt, config);
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
    const given = this.pendingArguments(spec, 0);
    this.frames.push(frameOf(concrete.source, graph, prefix));
    try {
      status = concrete.compose(applyDefaults(graph.spec, given), { metadata: this.metadata });
      pending = [...this.pendingStatusPaths(), ...this.absentStatusPaths()];
    } finally {
      this.frames.pop();
    }
    const records = this.drafts.slice(before).flatMap((draft) => draft.items.map((item) => item.record));
    return withNestedIncludeWhen(withNestedRecords({ status: this.withPendingFields(status, pending) }, records), records);
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
    const { chain, inside } = this.chainOf(frame.source);
    if (inside.length === 0) return false;
    frame[list].push(inside);
    frame.chains.set(inside, chain);
    return true;
  }

  /**
   * The stack from the innermost user frame out to the running function's outermost frame (`chain`, helper
   * frames included), and the frames of the running function in it, innermost first, up to the first frame
   * of other code (`inside`: where the composition's own source places the read).
   */
  private chainOf(source: CompositionSource): { chain: SourceLocation[]; inside: SourceLocation[] } {
    const all: SourceLocation[] = [];
    let first = -1;
    let end = -1;
    let last = -1;
    for (const frame of lazyUserFrames()) {
      all.push(frame);
      if (frame.file !== source.file || !within(source.fn, frame)) continue;
      if (first < 0) first = all.length - 1;
      if (end === all.length - 2 || end < 0) end = all.length - 1;
      last = all.length - 1;
    }
    return first < 0 ? { chain: [], inside: [] } : { chain: all.slice(0, last + 1), inside: all.slice(first, end + 1) };
  }

  /**
   * A nested composition's status as its parent reads it (trial 10 K02). The graph inlines the child, so a
   * child status field computed from a child resource that is not observed is pending in the parent exactly
   * as a read of the parent's own unobserved resource: reading it notes an unobserved read in the parent's
   * function and gives a pending placeholder, so `!db.status.ready` or `db.status.ready ?? false` is pending,
   * not the value JavaScript computed from the placeholder in the child (`x >= 1` is false there).
   */
  private withPendingFields(status: unknown, paths: readonly string[]): unknown {
    if (paths.length === 0) return status;
    const replaced = (value: unknown, path: readonly string[]): unknown => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const [key, ...rest] = path as [string, ...string[]];
      const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
      if (rest.length > 0) {
        copy[key] = replaced(copy[key], rest);
        return copy;
      }
      // One placeholder per field: two reads of it are one value, as in JavaScript.
      const placeholder = observedView(undefined, T.dyn, true);
      Object.defineProperty(copy, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          this.noteUnobservedRead();
          return placeholder;
        },
      });
      return copy;
    };
    return paths.reduce((current, path) => replaced(current, path.split('.')), status);
  }

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

  private fieldOf(record: ResourceRecord, field: string): unknown {
    const entry = this.items.get(record);
    if (!entry) throw new TypeKroError('INTERNAL', `internal: resource "${record.id}" is not part of this concrete run`);
    const object = this.clusterObject(entry.draft, entry.item) as Record<string, unknown> | undefined;
    if (object === undefined) this.noteUnobservedRead();
    const type = entry.draft.type.kind === 'object' ? entry.draft.type.fields[field]?.type : undefined;
    // A top-level field of an untyped kind (a custom resource's status) is still an object.
    return observedView(object?.[field], type === undefined || type.kind === 'dyn' ? UNTYPED_OBJECT : type, object === undefined, undefined, this.views);
  }
}
