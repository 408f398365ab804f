/**
 * One execution of a composition function. Factories report to it; it locates each call in the
 * composition's source, names resources after the variables holding them, turns `if`s and loops
 * around factory calls into includeWhen/forEach, and compiles factory arguments that JavaScript could
 * not evaluate on references (ternaries, comparisons, arithmetic).
 */
import { enclosingContext } from '../analysis/composition.js';
import { E, type Expr } from '../ir/expr.js';
import { foldItemConditions } from './item-conditions.js';
import type { Value } from '../ir/value.js';
import type { CompositionGraph, SourceLocation } from '../ir/graph.js';
import { refToExpr, type RefData } from '../model/refs.js';
import { withRun, type CompositionRunHooks } from '../model/run.js';
import { recordOf, type ResourceRecord } from '../model/resource.js';
import { manifestWithAbsent } from './absent-options.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { currentCallSite, type CallSite } from './source-site.js';
import { checkConditionalAspects } from './aspect-conditions.js';
import { checkReferenceWrites } from './reference-writes.js';
import { checkBytesUses } from './bytes-uses.js';
import { makeSkippedCalls, skippedCalls, type SkippedCallHost } from './skipped-calls.js';
import type { CallNode } from '../analysis/source.js';
import type { Conditional } from './excluded-reads.js';
import { checkPassedBounds } from './nest-bounds.js';
import { inlineNestedStatus, nestedArguments, nestedBindingType, nestedHandle, nestedRecords, NESTED_ROOT_PREFIX, specChainType, statusAsDeclared } from './nest-run.js';
import { nestPrefixBase } from './nest.js';
import { schemaToCelType } from '../model/schema/index.js';
import { toValue } from './values.js';
import { assignId } from './ids.js';
import { nestedPatternBindings } from './nest-pattern.js';
import { compileResourceCondition } from './conditions.js';
import { collectionBinding, writeOutsideLoop, type CollectedItem } from './collections.js';
import { isFactoryCall } from './factory-call.js';
import { bindMadeByCall, declaredThroughHelpers, readThroughInHelper } from './inline-calls.js';
import { checkThrows, resourceInTry } from './control-flow.js';
import { TypeKroError } from '../util/errors.js';
import { formatLocation, userFrames } from '../model/call-site.js';
import { RunScope } from './run-scope.js';

export class CompositionRun extends RunScope implements CompositionRunHooks {
  /** What each variable a loop fills holds so far (see `bindCollection`). */
  private readonly collected = new Map<string, CollectedItem[]>();
  private pendingSite: CallSite | undefined;
  /** Status of nested compositions by pseudo root (`nested$db`), inlined when the graph is built. */
  readonly nested = new Map<string, Value>();
  /** Nested compositions whose handle is held only under a condition (`EnclosingContext.orNothing`), by pseudo root: reads of them are checked as of a conditional resource. */
  readonly nestedHandles: Conditional[] = [];

  prepareArguments(_factoryName: string, config: unknown, argument = 0): unknown {
    this.refuseUnaskedAbsent();
    const site = this.siteNow();
    this.pendingSite = site;
    if (!site) return config;
    this.executed.add(site.call);
    // After the loops are named: a condition on a loop item reads a reference.
    this.referenceLoops.nameLoops(site);
    this.checkControlFlow(site);
    this.constantLoops.enter(site, this.scope, argument);
    return this.fromSource(site, config, argument);
  }

  /** The factory's manifest, with each option that may be `undefined` meaning what JavaScript makes of it (absent-options.ts). */
  buildManifest(prepared: unknown, build: (config: unknown) => Record<string, unknown>): Record<string, unknown> {
    const options = this.absentOptions;
    this.absentOptions = [];
    return manifestWithAbsent(prepared, build, options, (expr, type, placeholder) => {
      this.recordType(expr, type);
      // Where the option was written, for messages about the field it lands in (a double in an integer field).
      const node = this.valueSources.get(placeholder.expr);
      if (node) this.valueSources.set(expr, node);
    });
  }

  /** An option that may be `undefined` given to a call that never built a manifest from it (a YAML file, a Helm chart): refused. */
  private refuseUnaskedAbsent(): void {
    const [unasked] = this.absentOptions;
    this.absentOptions = [];
    if (unasked) throw unasked.refusal;
  }

  nameLoopsHere(): void {
    const site = this.siteNow();
    if (site) this.referenceLoops.nameLoops(site);
  }

  callLocation(): SourceLocation | undefined {
    const site = this.pendingSite ?? this.forcedSite;
    return site ? (site.inner[0] ?? site.location) : undefined;
  }

  register(record: ResourceRecord): void {
    this.refuseUnaskedAbsent();
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
    // `const w = webOnly(spec.name)` names the resource the helper returns, not every one it makes (trial 8 T03);
    // `const { deploy, svc } = webPair(spec.name)` names each one it returns (T02).
    const declared = site && declaredThroughHelpers(site);
    record.id = assignId(record, collection?.name ?? declared?.name, this.takenIds);
    this.takenIds.add(record.id);
    const loops = this.referenceLoops.entered;
    record.iterators.push(...loops);
    for (const iterator of loops) {
      record.forEach.push({ name: iterator.name ?? 'item', source: iterator.compiled?.expr ?? refToExpr(iterator.source) });
    }
    if (site) this.addControlFlowConditions(record, this.conditionsOf(site));
    if (declared?.name && site?.context.orNothing) record.orNothing = true;
    record.conditionCompiler = (kind, input, target) => this.compileResourceCondition(kind, input, target);
    record.requireFixed = (argument) => this.fixedAtDefinition(argument);
    if (this.forcedSite) insertInSourceOrder(this.records, record);
    else this.records.push(record);
    this.types.add(record);
    const declaredAs = declared?.binds ? declared.name : undefined;
    if (site && declaredAs && site.context.loops.length === 0 && record.bindsDeclaration !== false && !readThroughInHelper(site, this.source)) {
      const when = site.context.orNothing ? site.context.truthyWhen : undefined;
      this.bindings[declaredAs] = {
        kind: 'value',
        expr: E.ident(record.id),
        type: this.types.observedTypeOf(record),
        // As a condition (`svc ? svc.x : d`) the local is its test, compiled where it is declared.
        ...(when && { truthyWhen: { ...when, scope: this.scope } }),
      };
    }
    if (declaredAs && record.forEach.length > 0 && record.bindsDeclaration !== false) this.referenceLoops.bindItemResource(declaredAs, record);
    if (collection && site) this.bindCollection(collection, record, site);
    if (site) bindMadeByCall(this.bindings, site, record, this.source, (made) => this.types.observedTypeOf(made));
  }

  /**
   * `const pods = list.map((x) => Pod(...))`: `pods` compiles to the collection's list, or, over a constant
   * list, to the list of the resources made so far (see collections.ts).
   */
  /** The conditions around the call: an includeWhen, or in a loop the loop's filter (item-conditions.ts). */
  private addControlFlowConditions(record: ResourceRecord, conditions: readonly Expr[]): void {
    if (record.forEach.length === 0 || conditions.length === 0) {
      record.includeWhen.push(...conditions);
      return;
    }
    const folded = foldItemConditions(record.id, conditions, record.forEach, record.source, true);
    record.forEach.splice(0, record.forEach.length, ...folded.forEach);
  }

  private bindCollection(collection: { name: string; nested: boolean }, record: ResourceRecord, site: CallSite): void {
    this.collectionOf.set(record, collection.name);
    const item = { expr: E.ident(record.id), type: this.types.observedTypeOf(record), kind: record.kind, forEach: record.forEach.length > 0 };
    this.collect(collection, item, site);
  }

  private collect(collection: { name: string; nested: boolean }, item: CollectedItem, site: CallSite): void {
    const items = [...(this.collected.get(collection.name) ?? []), item];
    this.collected.set(collection.name, items);
    const loop = site.context.loops[site.context.loops.length - 1];
    const otherWrite = this.source && loop ? writeOutsideLoop(this.source.fn, collection.name, loop) : undefined;
    // Mirrors conditionsOf: a call made from source (JavaScript skipped it) keeps every condition around it.
    const condition = site.context.conditions.find(({ test }) => this.forcedSite !== undefined || mentionsReferences(test, this.scope))?.test;
    this.bindings[collection.name] = collectionBinding(collection, items, otherWrite, condition);
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
        return record && this.records.includes(record) ? { expr: E.ident(record.id), type: this.types.observedTypeOf(record) } : undefined;
      },
    };
  }

  nest(child: unknown, spec: unknown): unknown {
    const graph = child as CompositionGraph;
    const site = this.source ? currentCallSite(this.source) : undefined;
    if (site) this.executed.add(site.call);
    if (this.referenceLoops.entered.length > 0) {
      throw new TypeKroError('DEFINITION_INVALID', `${formatLocation(site?.location ?? userFrames()[0])}: nested composition "${graph.name}" inside a loop is not supported: KRO collections hold single resources; call the child's factories in the loop directly, or call "${graph.name}" once per instance outside the loop`);
    }
    if (site) {
      this.checkControlFlow(site);
      this.constantLoops.enter(site, this.scope);
    }
    // An optional or defaulted field of the child's spec may be left unset: the child's own rules handle its absence.
    const childSpec = schemaToCelType(graph.spec);
    const arguments_ = nestedArguments(graph, childSpec, (expr) => this.exprType(expr) ?? specChainType(expr, this.specType, (ref) => this.refType(ref)));
    const prepared = site ? this.fromSource(site, spec, 0, arguments_) : spec;
    // Typed by the child's spec, so a double passed into an integer field fails here as it would in a manifest.
    const context = { owner: `nested composition "${graph.name}"`, refType: (ref: RefData) => this.refType(ref), exprType: (expr: Expr) => this.exprType(expr), ...(site ? { at: site.location } : {}) };
    const specValue = toValue(prepared, context, childSpec, ['spec']) ?? {};
    // The child was compiled for the alphabet its text fields admit and the lengths its lists have: wider text, shorter lists are refused.
    checkPassedBounds(specValue, graph.spec, { owner: context.owner, ...(site && { at: site.location }), typeOf: arguments_.presence.typeOf });
    const prefix = this.uniquePrefix(nestPrefixBase(site?.context.declaredAs, graph.kind));
    const conditions = site ? this.conditionsOf(site) : [];
    const { records, status } = nestedRecords(graph, specValue, prefix, conditions, site?.location, arguments_.presence);
    for (const record of records) {
      if (site?.context.orNothing) record.orNothing = true;
      record.conditionCompiler = (kind, input, target) => this.compileResourceCondition(kind, input, target);
      this.records.push(record);
      this.types.add(record);
      this.takenIds.add(record.id);
    }
    const root = `${NESTED_ROOT_PREFIX}${prefix}`;
    // The child's status may hold an earlier child's status reads (its spec was given `data.status.host`):
    // substitute them now, so a read of this child's status never leaves another pseudo root behind.
    this.nested.set(root, statusAsDeclared(inlineNestedStatus(status, this.nested), graph));
    // `const c = spec.c ? child(...) : undefined`: even a field of its status that reads no resource of it is undefined in JavaScript without the condition.
    if (site?.context.orNothing) this.nestedHandles.push({ id: root, includeWhen: conditions, orNothing: true, nestedAt: { prefix } });
    const type = nestedBindingType(graph);
    this.types.addNested(root, type);
    if (site?.context.declaredAs) {
      const when = site.context.orNothing ? site.context.truthyWhen : undefined;
      // As a condition (`c ? c.status.x : d`) the local is its test, as a resource's handle is.
      this.bindings[site.context.declaredAs] = { kind: 'value', expr: E.ident(root), type, ...(when && { truthyWhen: { ...when, scope: this.scope } }) };
    } else if (site?.context.declaredPattern && !site.context.orNothing) Object.assign(this.bindings, nestedPatternBindings(site.context.declaredPattern, root, type));
    // `const stacks = ['dev', 'prod'].map((e) => webStack(...))`: one child per item, read item by item.
    const collection = site?.context.collectedAs;
    if (collection) this.collect(collection, { expr: E.ident(root), type, kind: `nested composition "${graph.name}"`, forEach: false }, site);
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
      inLoops: (site, body) => this.referenceLoops.inSkippedLoops(site, body),
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
