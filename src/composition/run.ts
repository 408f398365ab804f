/**
 * One execution of a composition function. Factories report to it; it locates each call in the
 * composition's source, names resources after the variables holding them, turns `if`s and loops
 * around factory calls into includeWhen/forEach, and compiles factory arguments that JavaScript could
 * not evaluate on references (ternaries, comparisons, arithmetic).
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { isInitialisedByCall } from '../analysis/named-function.js';
import { typekroImportName } from '../analysis/modules.js';
import { enclosingContext, factoryCallsIn } from '../analysis/composition.js';
import { madeByCall, scopeOf, type Binding, type Scope } from '../analysis/scope.js';
import { celVariableName } from '../util/cel-names.js';
import { E, type Expr } from '../ir/expr.js';
import { fieldOf, T, type CelType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import type { CompositionGraph, SourceLocation } from '../ir/graph.js';
import { observedType } from '../model/kube-types.js';
import { refToExpr, type IteratorRoot, type RefData } from '../model/refs.js';
import { withRun, type CompositionRunHooks } from '../model/run.js';
import { recordOf, type ConditionKind, type FixedArgument, type ResourceRecord } from '../model/resource.js';
import { isFactoryName } from '../model/factory.js';
import { compileConditionNode, compileValueNode } from './compile-node.js';
import { callScope } from './helper-scope.js';
import { resolveSourceValue, type OnCompiled } from './source-values.js';
import { enclosingScope, functionScope, isReadThrough } from '../analysis/local-scope.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { refuseOuterWrites } from '../analysis/outer-writes.js';
import { currentCallSite, factoryCallOf, type CallSite, type CompositionSource } from './source-site.js';
import { checkConditionalAspects } from './aspect-conditions.js';
import { checkReferenceWrites } from './reference-writes.js';
import { checkBytesUses } from './bytes-uses.js';
import { makeSkippedCalls, skippedCalls, type SkippedCallHost } from './skipped-calls.js';
import type { CallNode } from '../analysis/source.js';
import { optionalAt } from './presence.js';
import { conjuncts, isSpecData } from '../analysis/absent-spec.js';
import { nestedBindingType, nestedHandle, nestedRecords, NESTED_ROOT_PREFIX, statusAsDeclared } from './nest-run.js';
import { schemaToCelType } from '../model/schema/index.js';
import { toValue } from './values.js';
import { isMethodCall, refuseComputed } from './fixed-arguments.js';
import { assignId } from './ids.js';
import { compileResourceCondition } from './conditions.js';
import { parameterBindings, schemaType } from './parameters.js';
import { printCel } from '../compile/cel/print.js';
import { checkLoopSources, collectionBinding, refuseItemIncludeWhen, writeOutsideLoop, collectionRead, countedLoopOverReference, isReferenceLoop, loopOverComputedList, skippedConstantLoop } from './collections.js';
import { ConstantLoops } from './constant-loops.js';
import { checkLoopJumps, checkThrows, resourceInTry } from './control-flow.js';
import { TypeKroError } from '../util/errors.js';
import { formatLocation, userFrames } from '../model/call-site.js';

/** Why a factory call written inline that made several resources cannot be read. */
const SEVERAL_MADE = 'this factory call makes more than one resource';
const NO_SINGLE = ', so its result written inline names no single resource';

export class CompositionRun implements CompositionRunHooks {
  readonly records: ResourceRecord[] = [];
  private readonly takenIds = new Set<string>();
  /** The records by id: a reference's type is looked up for every read. */
  private readonly recordsById = new Map<string, ResourceRecord>();
  private readonly observedTypes = new WeakMap<ResourceRecord, CelType>();
  /** Observed types by model and the paths a template sets (see `observedType`). */
  private readonly observedShapes = new Map<string, CelType>();
  private readonly loops: IteratorRoot[] = [];
  /** The names each loop over a reference bound, with what they were bound to before (restored when it ends). */
  private readonly loopBindings = new Map<IteratorRoot, [string, Binding | undefined][]>();
  private readonly executed = new Set<Node>();
  private readonly flowChecked = new Set<Node>();
  /** A `try`/`catch` around a call made, refused once the function has run (its `catch` would swallow the error). */
  private inTry: Node | undefined;
  private readonly bindings: Record<string, Binding> = {};
  /** Variables holding KRO collections (see `bindCollection`). */
  private readonly collections = new Set<string>();
  /** The collection variable each record of a collection belongs to. */
  private readonly collectionOf = new Map<ResourceRecord, string>();
  private readonly exprTypes = new WeakMap<Expr, CelType>();
  /** The source each compiled expression or carried reference came from (see `siteOf`). */
  private readonly valueSources = new WeakMap<object, Node>();
  private pendingSite: CallSite | undefined;
  /** The call site to use instead of the stack, while TypeKro makes a call the user's code skipped. */
  private forcedSite: CallSite | undefined;
  /** Status of nested compositions by pseudo root (`nested$db`), inlined when the graph is built. */
  readonly nested = new Map<string, Value>();
  /** The item of each loop over a constant list around the call being made. */
  private readonly constantLoops = new ConstantLoops(this.bindings);

  constructor(
    public source: CompositionSource | undefined,
    readonly specType: CelType,
    /** What the function's first parameter is: the spec (`kubernetesComposition`) or the whole instance (`toResourceGraph`). */
    private readonly parameter: 'spec' | 'schema' = 'spec',
  ) {
    this.bindSpecParameter();
    // `Cel.cond(spec.replicas > 2, ...)` inside compiled source: arguments compiled, not run on placeholders.
    this.bindings['Cel'] = { kind: 'cel', print: printCel };
    this.bindings['cel'] = { kind: 'cel', print: printCel };
    this.refuseOuterWrites();
  }

  /** Continues with another function of the same definition (toResourceGraph's status builder). */
  switchTo(source: CompositionSource | undefined, bindings: Readonly<Record<string, Binding>>): void {
    // The items of the previous function's constant loops mean nothing in the next one.
    this.constantLoops.leave();
    this.source = source;
    this.bindSpecParameter();
    Object.assign(this.bindings, bindings);
    this.refuseOuterWrites();
  }

  /** Before the function runs: a write to a binding outside it would keep JavaScript's placeholder run (outer-writes.ts). */
  private refuseOuterWrites(): void {
    if (this.source) refuseOuterWrites(this.source.fn, this.scope);
  }

  private cachedScope: { source: CompositionSource | undefined; scope: Scope } | undefined;

  /**
   * The composition function's names: the spec parameter, resources and loop items the run bound, then the
   * function's own locals, then its module's constants and functions. Looked up lazily, so one scope object
   * serves the whole run (per source function).
   */
  get scope(): Scope {
    let cached = this.cachedScope;
    if (!cached || cached.source !== this.source) {
      const source = this.source;
      // The run's bindings come first (a resource's `const` is bound to its id), and locals see them too.
      const bound = scopeOf(this.bindings, source ? enclosingScope(source.file, source.fn, isFactoryCall) : undefined);
      cached = { source, scope: source ? functionScope(source.fn, bound, isFactoryCall, this.bindings) : bound };
      this.cachedScope = cached;
    }
    return cached.scope;
  }

  /** The static type of an expression compiled from source, when one was recorded. */
  exprType(expr: Expr): CelType | undefined {
    return this.exprTypes.get(expr);
  }

  recordType(expr: Expr, type: CelType): void {
    this.exprTypes.set(expr, type);
  }

  /**
   * The source node a value of a factory argument came from: a compiled expression (by its `Expr`) or a
   * reference JavaScript carried (by its proxy). Messages about the field it lands in point there.
   */
  siteOf(value: object): Node | undefined {
    return this.valueSources.get(value);
  }

  private recordSource: OnCompiled = (compiled, node, value) => {
    if (compiled) this.recordType(compiled.expr, compiled.type);
    const key = compiled?.expr ?? value;
    if ((typeof key === 'object' || typeof key === 'function') && key !== null) this.valueSources.set(key, node);
  };

  prepareArguments(_factoryName: string, config: unknown, argument = 0): unknown {
    const site = this.siteNow();
    this.pendingSite = site;
    if (!site) return config;
    this.executed.add(site.call);
    // After the loops are named: a condition on a loop item reads a reference.
    this.nameLoops(site);
    this.checkControlFlow(site);
    this.constantLoops.enter(site, this.scope, argument);
    return this.fromSource(site, config, argument);
  }

  fixedAtDefinition(argument: FixedArgument): void {
    const site = this.siteNow();
    if (!site) return;
    const { call, scope } = callScope(site, this.source!, this.scope, isFactoryCall);
    if (argument.method !== undefined && !isMethodCall(call, argument.method)) return;
    const node = call.arguments[argument.position];
    if (node && node.type !== 'SpreadElement' && node.type !== 'ArgumentPlaceholder') refuseComputed(node, scope, argument);
  }

  /** The factory's (or nested composition's) argument, with every part that depends on a reference compiled from source. */
  private fromSource(site: CallSite, config: unknown, position: number, mayBeAbsent?: (path: readonly string[]) => boolean): unknown {
    const { call, scope } = callScope(site, this.source!, this.scope, isFactoryCall);
    this.executed.add(call);
    const argument = call.arguments[position];
    if (!argument || argument.type === 'SpreadElement' || argument.type === 'ArgumentPlaceholder') return config;
    let guards: readonly Expr[] | undefined;
    const guardsHere = (): readonly Expr[] => (guards ??= this.guardsAt(site));
    return resolveSourceValue(argument, config, scope, this.recordSource, { path: [], guards: guardsHere, ...(mayBeAbsent && { mayBeAbsent }) });
  }

  nameLoopsHere(): void {
    const site = this.siteNow();
    if (site) this.nameLoops(site);
  }

  callLocation(): SourceLocation | undefined {
    const site = this.pendingSite ?? this.forcedSite;
    return site ? (site.inner[0] ?? site.location) : undefined;
  }

  /** The `&&` terms of the conditions around the call (`if (spec.host) ...`, `if (spec.l.length > 1) ...`), known to hold in its arguments. */
  private guardsAt(site: CallSite): Expr[] {
    const chained = site.context.chainedConditions.filter((test) => mentionsReferences(test, this.scope)).map((test) => compileConditionNode(test, this.scope));
    return [...this.conditionsOf(site), ...chained].flatMap(conjuncts);
  }

  register(record: ResourceRecord): void {
    const site = this.pendingSite ?? this.siteNow();
    if (site && !this.pendingSite) {
      this.checkControlFlow(site);
      this.constantLoops.enter(site, this.scope);
    }
    this.pendingSite = undefined;
    if (site) {
      this.executed.add(site.call);
      record.source = site.location;
    }
    const collection = record.bindsDeclaration === false ? undefined : site?.context.collectedAs;
    record.id = assignId(record, collection?.name ?? site?.context.declaredAs, this.takenIds);
    this.takenIds.add(record.id);
    record.iterators.push(...this.loops);
    for (const iterator of this.loops) {
      record.forEach.push({ name: iterator.name ?? 'item', source: iterator.compiled?.expr ?? refToExpr(iterator.source) });
    }
    if (site) record.includeWhen.push(...this.conditionsOf(site));
    record.conditionCompiler = (kind, input, target) => this.compileResourceCondition(kind, input, target);
    record.requireFixed = (argument) => this.fixedAtDefinition(argument);
    if (this.forcedSite) insertInSourceOrder(this.records, record);
    else this.records.push(record);
    this.recordsById.set(record.id, record);
    if (site?.context.declaredAs && site.context.loops.length === 0 && record.bindsDeclaration !== false && !this.readThroughInHelper(site)) {
      this.bindings[site.context.declaredAs] = {
        kind: 'value',
        expr: E.ident(record.id),
        type: this.observedTypeOf(record),
      };
    }
    if (site?.context.declaredAs && record.forEach.length > 0 && record.bindsDeclaration !== false) this.bindItemResource(site.context.declaredAs, record);
    if (collection && site) this.bindCollection(collection, record, site);
    if (site) this.bindMadeByCall(site, record);
  }

  /**
   * A factory call in a local function whose result is a field of the resource, not the handle
   * (`const ready = (n) => Deployment({...}).status.readyReplicas > 0; const a = ready('a')`): `a` is compiled
   * from source (the inline call stands for its resource), not bound to the resource.
   */
  private readThroughInHelper(site: CallSite): boolean {
    if (site.direct || !this.source) return false;
    const call = factoryCallOf(site, this.source);
    return call !== undefined && isReadThrough(this.source.fn, call);
  }

  /**
   * The resource a factory call written in the composition made, found again when the call stands inline in
   * a value compiled from source (`Deployment({...}).status.readyReplicas > 0`). A value is compiled when the
   * call that holds it runs, right after the inline call made its resource: in a loop unrolled in JavaScript
   * (`for (const n of ['a', 'b'])`) the resource of this pass is the one bound. A forEach over a reference
   * makes a list of resources, and a local function called twice made two that a value inlining the
   * function cannot tell apart: the call's result names no single one, and reading it is refused.
   */
  private bindMadeByCall(site: CallSite, record: ResourceRecord): void {
    // A call inside a local function JavaScript skipped is made from source (site.made): one more resource of it.
    const call = record.bindsDeclaration === false || !this.source ? undefined : (site.made?.call ?? factoryCallOf(site, this.source));
    if (!call) return;
    const name = madeByCall(call);
    this.bindings[name] =
      record.forEach.length > 0
        ? { kind: 'unsupported', why: `${SEVERAL_MADE} (a KRO forEach over a list in the spec)${NO_SINGLE}`, hint: 'collect the resources (`const webs = spec.names.map((name) => Deployment({ ... }))`) and read the collection after the loop' }
        : !site.direct && this.bindings[name] !== undefined
          ? { kind: 'unsupported', why: `${SEVERAL_MADE} (it sits in a function called more than once)${NO_SINGLE}`, hint: 'bind each resource to its own const in the composition and read those: `const web = Deployment({ ... })`, then `web.status...`' }
          : { kind: 'value', expr: E.ident(record.id), type: this.observedTypeOf(record) };
  }

  /**
   * `for (const w of spec.workers) { const d = Deployment({...}); ... d.status ... }`: `d` is one object of a
   * KRO collection, the one made for the same item. KRO shows the collection to other resources (and to
   * status) as the list of all its objects and gives no way to pick the object of the item being made, so a
   * read of `d` in the loop body is refused, until the loop ends (see `bindForLoop`).
   */
  private bindItemResource(name: string, record: ResourceRecord): void {
    const iterator = this.loops.at(-1);
    if (!iterator) return;
    this.bindForLoop(iterator, name, {
      kind: 'unsupported',
      why: `\`${name}\` is the resource made for one item of a loop over a spec list (a KRO forEach collection, "${record.id}"): KRO shows it to other resources and to the status only as the list of the objects of all items, and cannot pick the object made for the same item`,
      hint: `use the item's own data instead of the resource's (e.g. the replicas the item asks for, not \`${name}.status.readyReplicas\`), or collect the resources (\`const all = spec.items.map((item) => Factory({ ... }))\`) and read the list outside the loop (\`all.every((d) => (d.status.readyReplicas ?? 0) > 0)\`)`,
    });
  }

  /** `const pods = list.map((x) => Pod(...))`: `pods` compiles to the collection's list (see collections.ts). */
  private bindCollection(collection: { name: string; nested: boolean }, record: ResourceRecord, site: CallSite): void {
    const alreadyBound = this.collections.has(collection.name);
    this.collections.add(collection.name);
    this.collectionOf.set(record, collection.name);
    const loop = site.context.loops[site.context.loops.length - 1];
    const otherWrite = this.source && loop ? writeOutsideLoop(this.source.fn, collection.name, loop) : undefined;
    this.bindings[collection.name] = collectionBinding(collection, record, this.observedTypeOf(record), alreadyBound, otherWrite);
  }

  returned(value: unknown): void {
    const site = this.siteNow();
    const name = site?.direct && site.context.loops.length === 0 ? site.context.declaredAs : undefined;
    if (!name || this.bindings[name]) return;
    this.bindings[name] = {
      kind: 'resources',
      value,
      resource: (candidate) => {
        const record = recordOf(candidate);
        return record && this.records.includes(record) ? { expr: E.ident(record.id), type: this.observedTypeOf(record) } : undefined;
      },
    };
  }

  nest(child: unknown, spec: unknown): unknown {
    const graph = child as CompositionGraph;
    const site = this.source ? currentCallSite(this.source) : undefined;
    if (site) this.executed.add(site.call);
    if (this.loops.length > 0) {
      throw new TypeKroError('DEFINITION_INVALID', `${formatLocation(site?.location ?? userFrames()[0])}: nested composition "${graph.name}" inside a loop is not supported: KRO collections hold single resources; call the child's factories in the loop directly, or call "${graph.name}" once per instance outside the loop`);
    }
    if (site) {
      this.checkControlFlow(site);
      this.constantLoops.enter(site, this.scope);
    }
    // An optional field of the child's spec may be left unset: the child's own rules handle its absence.
    const childSpec = schemaToCelType(graph.spec);
    const prepared = site ? this.fromSource(site, spec, 0, (path) => optionalAt(childSpec, path)) : spec;
    // Typed by the child's spec, so a double passed into an integer field fails here as it would in a manifest.
    const context = { owner: `nested composition "${graph.name}"`, refType: (ref: RefData) => this.refType(ref), exprType: (expr: Expr) => this.exprType(expr), ...(site ? { at: site.location } : {}) };
    const specValue = toValue(prepared, context, childSpec, ['spec']) ?? {};
    const prefix = this.uniquePrefix(site?.context.declaredAs ?? graph.kind.charAt(0).toLowerCase() + graph.kind.slice(1));
    const { records, status } = nestedRecords(graph, specValue, prefix, site ? this.conditionsOf(site) : [], site?.location);
    for (const record of records) {
      record.conditionCompiler = (kind, input, target) => this.compileResourceCondition(kind, input, target);
      this.records.push(record);
      this.recordsById.set(record.id, record);
      this.takenIds.add(record.id);
    }
    const root = `${NESTED_ROOT_PREFIX}${prefix}`;
    this.nested.set(root, statusAsDeclared(status, graph));
    if (site?.context.declaredAs) {
      this.bindings[site.context.declaredAs] = { kind: 'value', expr: E.ident(root), type: nestedBindingType(graph) };
    }
    return nestedHandle(root, records, graph);
  }

  private uniquePrefix(base: string): string {
    const taken = new Set([...this.records.map((record) => record.id), ...[...this.nested.keys()].map((root) => root.slice(NESTED_ROOT_PREFIX.length))]);
    if (!taken.has(base) && ![...taken].some((id) => id.startsWith(base))) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}${n}`) && ![...taken].some((id) => id.startsWith(`${base}${n}`))) return `${base}${n}`;
  }

  /** Makes the factory calls JavaScript skipped (branches decided on placeholders), from source. */
  makeSkippedCalls(): void {
    const source = this.source;
    if (!source) return;
    const host: SkippedCallHost = {
      source,
      scope: this.scope,
      callAt: (site, call) => {
        this.forcedSite = site;
        try {
          withRun(this, call);
        } finally {
          this.forcedSite = undefined;
        }
      },
      inLoops: (site, body) => this.inSkippedLoops(site, body),
      guardsAt: (site) => this.guardsAt(site),
      ran: (call) => this.executed.has(call),
      isFactoryCall,
    };
    this.constantLoops.leave();
    this.constantLoops.checkCounts();
    // Control flow checked once the function has run: a user's `catch` could have swallowed an error thrown during it.
    checkThrows(source.fn, this.scope);
    checkConditionalAspects(source.fn, this.scope);
    checkReferenceWrites(source.fn, this.scope);
    checkBytesUses(source.fn, this.scope);
    const skipped = skippedCalls(host, this.unexecutedFactoryCalls() as CallNode[]);
    const inTry = this.inTry ?? skipped.map(({ call }) => enclosingContext(source.fn, call).inTry).find((node) => node !== undefined);
    if (inTry) throw resourceInTry(inTry);
    try {
      makeSkippedCalls(host, skipped);
    } finally {
      this.constantLoops.leave();
    }
  }

  /**
   * Enters the loops around a call JavaScript skipped: each loop over a reference as a forEach over its list
   * compiled from source, and the loops over constants in JavaScript, one call per item.
   */
  private inSkippedLoops(site: CallSite, body: () => void): void {
    const entered: IteratorRoot[] = [];
    // The previous skipped call's constant items are restored first: restoring them later would undo this call's bindings.
    this.constantLoops.leave();
    try {
      for (const loop of site.context.loops) {
        if (!isReferenceLoop(loop, this.scope)) continue;
        if (loop.counted) throw countedLoopOverReference(loop);
        const compiled = this.compileLoopSource(loop.source);
        // The list exists only as compiled CEL (`compiled` is what forEach and item types read).
        const iterator: IteratorRoot = { source: { root: { kind: 'schema' }, path: [] }, name: this.iteratorName(loop.variable), variable: loop.variable, compiled };
        this.enterLoop(iterator);
        entered.push(iterator);
        // An item of spec data (its optional fields are there from the start or never), as a loop JavaScript entered binds it.
        this.bindForLoop(iterator, loop.variable, { kind: 'value', expr: E.ident(iterator.name!), type: compiled.itemType, ...(isSpecData(compiled.expr, this.scope) && { item: true as const }) });
      }
      const found = this.constantLoops.reachable(site, this.scope);
      if ('why' in found) throw skippedConstantLoop(site.context.loops.find((loop) => !isReferenceLoop(loop, this.scope))!.source, found.why);
      for (const item of found.items) this.constantLoops.bindItem(item, body);
    } finally {
      for (const iterator of entered.reverse()) this.exitLoop(iterator);
    }
  }

  /** Jumps in the loops around a call that JavaScript decided on placeholders are refused (control-flow.ts); once per call. */
  private checkControlFlow(site: CallSite): void {
    if (this.flowChecked.has(site.call)) return;
    this.flowChecked.add(site.call);
    this.inTry ??= site.context.inTry;
    checkLoopJumps(site.context.loops, this.scope);
  }

  private siteNow(): CallSite | undefined {
    return this.forcedSite ?? (this.source ? currentCallSite(this.source) : undefined);
  }

  enterLoop(iterator: IteratorRoot): void {
    this.loops.push(iterator);
  }

  exitLoop(iterator: IteratorRoot): void {
    const index = this.loops.lastIndexOf(iterator);
    if (index >= 0) this.loops.splice(index, 1);
    // The loop's names are seen in its body only: a later `const name = ...` of the function is that const again.
    for (const [name, before] of (this.loopBindings.get(iterator) ?? []).reverse()) {
      if (before) this.bindings[name] = before;
      else delete this.bindings[name];
    }
    this.loopBindings.delete(iterator);
  }

  /** Binds a name of a loop over a reference (its item, its index) until the loop ends (see `exitLoop`). */
  private bindForLoop(iterator: IteratorRoot, name: string, binding: Binding): void {
    const bound = this.loopBindings.get(iterator) ?? [];
    if (!bound.some(([done]) => done === name)) bound.push([name, this.bindings[name]]);
    this.loopBindings.set(iterator, bound);
    this.bindings[name] = binding;
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

  private rootType(ref: RefData): CelType {
    const root = ref.root;
    if (root.kind === 'schema') return schemaType(this.specType);
    if (root.kind === 'iterator') {
      if (root.iterator.compiled) return root.iterator.compiled.itemType;
      const list = this.refType(root.iterator.source);
      return list.kind === 'list' ? list.item : T.dyn;
    }
    const id = root.resource.id();
    // toResourceGraph renames resources after its builder ran: then the index misses and the list decides.
    const indexed = this.recordsById.get(id);
    const record = indexed?.id === id ? indexed : this.records.find((candidate) => candidate.id === id);
    if (record && record.forEach.length > 0) throw collectionRead(ref, record);
    return record ? this.observedTypeOf(record) : T.dyn;
  }

  /** A record's manifest is final once registered, so its observed type is computed once. */
  private observedTypeOf(record: ResourceRecord): CelType {
    let type = this.observedTypes.get(record);
    if (!type) {
      type = observedType(record.modelName, record.manifest, this.observedShapes);
      this.observedTypes.set(record, type);
    }
    return type;
  }

  /**
   * Factory and nested composition calls in the source that never ran: JavaScript decided their condition on
   * a placeholder (a nested one is refused there rather than silently left out).
   */
  unexecutedFactoryCalls(): Node[] {
    if (!this.source) return [];
    return factoryCallsIn(this.source.fn).filter((call) => !this.executed.has(call) && isFactoryCall(call));
  }

  private bindSpecParameter(): void {
    const source = this.source;
    const outer = source ? enclosingScope(source.file, source.fn, isFactoryCall) : scopeOf({});
    Object.assign(this.bindings, parameterBindings(source?.fn.params ?? [], this.specType, this.parameter, outer));
  }

  /** Gives runtime loop items the names of the loop variables in the source (outermost first). */
  private nameLoops(site: CallSite): void {
    checkLoopSources(site, this.scope);
    let entered = 0;
    // Outer loop variables are bound before the inner loops are read (`for (const p of w.ports)`).
    for (const loop of site.context.loops) {
      if (!isReferenceLoop(loop, this.scope)) continue;
      if (loop.counted) throw countedLoopOverReference(loop);
      const iterator = this.loops[entered++];
      if (!iterator) throw loopOverComputedList(loop);
      if (loop.index !== undefined) {
        // JavaScript's index would be the placeholder run's 0 for every item.
        this.bindForLoop(iterator, loop.index, {
          kind: 'unsupported',
          why: `\`${loop.index}\` is the index of a loop over a reference: KRO's forEach gives each item, not its position`,
          hint: 'use the item itself (e.g. its name), or put the position into the spec list',
        });
      }
      if (!iterator.name) {
        // A method call on a reference (`spec.tags.filter(...)`) or an operator over one (`spec.tags ?? []`) ran on
        // a placeholder, which JavaScript cannot see through: the list is compiled from source.
        if (iterator.source.call || !isPlainPath(loop.source)) iterator.compiled = this.compileLoopSource(loop.source);
        iterator.name = this.iteratorName(loop.variable);
        iterator.variable = loop.variable;
        this.bindForLoop(iterator, loop.variable, {
          kind: 'value',
          expr: E.ident(iterator.name),
          type: this.refType({ root: { kind: 'iterator', iterator }, path: [] }),
          item: true,
        });
      }
    }
  }

  /**
   * The CEL name of a loop variable's iterator, chosen here, where the iterator is known by identity: a
   * loop variable `schema` or `each` must not become KRO's own `schema` or `each` (renaming the graph's
   * identifiers later could not tell them apart). Ids made so far and the enclosing iterators are taken.
   */
  private iteratorName(variable: string): string {
    return celVariableName(variable, (name) => this.takenIds.has(name) || this.loops.some((iterator) => iterator.name === name));
  }

  private compileLoopSource(source: Node): { expr: Expr; itemType: CelType } {
    const { expr, type } = compileValueNode(source, this.scope);
    return { expr, itemType: type.kind === 'list' ? type.item : T.dyn };
  }

  private conditionsOf(site: CallSite): Expr[] {
    // A condition that reads no reference was decided exactly by JavaScript when the call ran: nothing to
    // include. A call JavaScript skipped (made here) keeps them all: one of them may be why it was skipped.
    const made = this.forcedSite !== undefined;
    const onReferences = site.context.conditions.filter(({ test }) => made || mentionsReferences(test, this.scope));
    return onReferences.map(({ test, negated }) => {
      const condition = compileConditionNode(test, this.scope);
      return negated ? E.unary('!', condition) : condition;
    });
  }

  private compileResourceCondition(kind: ConditionKind, input: unknown, record: ResourceRecord): Expr {
    const site = this.siteNow();
    const argument = site?.call.arguments[0];
    const condition = compileResourceCondition(kind, input, record, argument, this.scope);
    const collection = kind === 'includeWhen' ? this.collectionOf.get(record) : undefined;
    if (collection) refuseItemIncludeWhen(condition, record, collection, argument);
    return condition;
  }
}

/** Puts a record made late (a skipped call) before the first record that comes after it in the source. */
function insertInSourceOrder(records: ResourceRecord[], record: ResourceRecord): void {
  const at = record.source;
  const index = at
    ? records.findIndex((other) => other.source?.file === at.file && (other.source.line > at.line || (other.source.line === at.line && other.source.column > at.column)))
    : -1;
  if (index < 0) records.push(record);
  else records.splice(index, 0, record);
}

/** A call that creates resources: a factory, or a nested composition declared in the user's sources. */
function isFactoryCall(call: Node): boolean {
  if (isFactoryName(calleeName(call))) return true;
  const callee = call.type === 'CallExpression' ? unwrap(call.callee) : undefined;
  const file = call.loc?.filename;
  if (callee?.type !== 'Identifier' || file === undefined) return false;
  // A factory imported under another name (`import { Deployment as Pod }`) creates resources as well.
  return isFactoryName(typekroImportName(file, callee.name)) || isInitialisedByCall(file, callee.name, COMPOSITION_DEFINERS);
}

// Both make a composition a composition function may call as a nested one (`cache({ ... })`).
const COMPOSITION_DEFINERS: ReadonlySet<string> = new Set(['kubernetesComposition', 'toResourceGraph']);

function calleeName(call: Node): string | undefined {
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return undefined;
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.property.type === 'Identifier') {
    return callee.property.name;
  }
  return undefined;
}

/** `spec.tags`, `w.ports`, `spec.a!.b`: a read the placeholder run followed exactly (no operator, no call). */
function isPlainPath(node: Node): boolean {
  const read = unwrap(node);
  if (read.type === 'Identifier') return true;
  return (read.type === 'MemberExpression' || read.type === 'OptionalMemberExpression') && !read.computed && isPlainPath(read.object);
}
