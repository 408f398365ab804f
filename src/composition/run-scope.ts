/**
 * What a compiling run knows of the composition's source (run.ts builds on it): the function's scope, the
 * call being made and the conditions around it, the control flow checks, the static types of references and
 * compiled expressions, and factory arguments compiled from source where JavaScript could not evaluate them.
 */
import type { Node } from '@babel/types';
import { factoryCallsIn } from '../analysis/composition.js';
import { scopeOf, type Binding, type Scope } from '../analysis/scope.js';
import { E, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import type { IteratorRoot, RefData } from '../model/refs.js';
import type { ConditionKind, FixedArgument, ResourceRecord } from '../model/resource.js';
import { compileConditionNode } from './compile-node.js';
import { callScope } from './helper-scope.js';
import { resolveSourceValue, type ManifestField, type OnCompiled } from './source-values.js';
import type { AbsentOption } from './absent-options.js';
import { enclosingScope, functionScope } from '../analysis/local-scope.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { refuseOuterWrites } from '../analysis/outer-writes.js';
import { refuseRunDependentValues } from '../analysis/run-values.js';
import { currentCallSite, type CallSite, type CompositionSource } from './source-site.js';
import { refuseLoopVarReads } from './loop-var-reads.js';
import { conjuncts } from '../analysis/absent-spec.js';
import { isMethodCall, refuseComputed } from './fixed-arguments.js';
import { compileResourceCondition } from './conditions.js';
import { parameterBindings } from './parameters.js';
import { printCel } from '../compile/cel/print.js';
import { refuseItemIncludeWhen } from './collections.js';
import { isFactoryCall } from './factory-call.js';
import { ConstantLoops } from './constant-loops.js';
import { LoopBindings } from './loop-bindings.js';
import { ReferenceTypes } from './reference-types.js';
import { checkBlockBreaks, checkLoopJumps, checkSwitchJumps } from './control-flow.js';

/** The part of the compiling run (run.ts `CompositionRun`) that reads the source; the run itself handles what factories report. */
export abstract class RunScope {
  readonly records: ResourceRecord[] = [];
  protected readonly takenIds = new Set<string>();
  /** The static types of references (reference-types.ts), which every compiled read looks up. */
  protected readonly types: ReferenceTypes;
  protected readonly executed = new Set<Node>();
  private readonly flowChecked = new Set<Node>();
  /** A `try`/`catch` around a call made, refused once the function has run (its `catch` would swallow the error). */
  protected inTry: Node | undefined;
  protected readonly bindings: Record<string, Binding> = {};
  /** The collection variable each record of a collection belongs to. */
  protected readonly collectionOf = new Map<ResourceRecord, string>();
  private readonly exprTypes = new WeakMap<Expr, CelType>();
  /** The source each compiled expression or carried reference came from (see `siteOf`). */
  protected readonly valueSources = new WeakMap<object, Node>();
  /** Options of the call being made that may be `undefined`, until the factory builds its manifest (absent-options.ts). */
  protected absentOptions: AbsentOption[] = [];
  /** The call site to use instead of the stack, while TypeKro makes a call the user's code skipped. */
  protected forcedSite: CallSite | undefined;
  /** The item of each loop over a constant list around the call being made. */
  protected readonly constantLoops = new ConstantLoops(this.bindings);
  /** The loops over references around the call being made, and the names they bind (loop-bindings.ts). */
  protected readonly referenceLoops = new LoopBindings({
    bindings: this.bindings,
    constantLoops: this.constantLoops,
    scope: () => this.scope,
    isIdTaken: (name) => this.takenIds.has(name),
    refType: (ref) => this.refType(ref),
  });

  constructor(
    public source: CompositionSource | undefined,
    readonly specType: CelType,
    /** What the function's first parameter is: the spec (`kubernetesComposition`) or the whole instance (`toResourceGraph`). */
    private readonly parameter: 'spec' | 'schema' = 'spec',
  ) {
    this.types = new ReferenceTypes(specType, this.records);
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

  /**
   * Before the function runs: a write to a binding outside it would keep JavaScript's placeholder run
   * (outer-writes.ts); a `var` loop variable read after its loop over a reference has no item there (loop-var-reads.ts);
   * `Math.random()` or `new Date()` would be frozen into the graph and change per run (run-values.ts).
   */
  private refuseOuterWrites(): void {
    if (!this.source) return;
    refuseOuterWrites(this.source.fn, this.scope);
    refuseLoopVarReads(this.source.fn, this.scope);
    refuseRunDependentValues(this.source.fn, this.scope, (fn, parent) => functionScope(fn, parent, isFactoryCall));
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
      const bound = scopeOf(this.bindings, source ? enclosingScope(source.file, source.fn, isFactoryCall, source.observed) : undefined);
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

  fixedAtDefinition(argument: FixedArgument): void {
    const site = this.siteNow();
    if (!site) return;
    const { call, scope } = callScope(site, this.source!, this.scope, isFactoryCall);
    if (argument.method !== undefined && !isMethodCall(call, argument.method)) return;
    const node = call.arguments[argument.position];
    if (node && node.type !== 'SpreadElement' && node.type !== 'ArgumentPlaceholder') refuseComputed(node, scope, argument);
  }

  /** The factory's (or nested composition's) argument, with every part that depends on a reference compiled from source. */
  protected fromSource(site: CallSite, config: unknown, position: number, nested?: Pick<ManifestField, 'mayBeAbsent' | 'passedAbsent'>): unknown {
    const { call, scope } = callScope(site, this.source!, this.scope, isFactoryCall);
    this.executed.add(call);
    const argument = call.arguments[position];
    if (!argument || argument.type === 'SpreadElement' || argument.type === 'ArgumentPlaceholder') return config;
    let guards: readonly Expr[] | undefined;
    const run = this;
    // Methods, not arrows held by names: tsx renames each of those when made (`__name`), and this runs per call.
    const field: ManifestField = {
      path: [],
      guards() {
        return (guards ??= run.guardsAt(site));
      },
      ...nested,
      // A nested composition's spec handles `undefined` itself (nested); a factory is asked about it when it builds.
      ...(!nested && {
        acceptsAbsent(option: AbsentOption) {
          run.absentOptions.push(option);
        },
      }),
    };
    return resolveSourceValue(argument, config, scope, this.recordSource, field);
  }

  /** The `&&` terms of the conditions around the call (`if (spec.host) ...`, `if (spec.l.length > 1) ...`), known to hold in its arguments. */
  protected guardsAt(site: CallSite): Expr[] {
    const chained = site.context.chainedConditions.filter((test) => mentionsReferences(test, this.scope)).map((test) => compileConditionNode(test, this.scope));
    return [...this.conditionsOf(site), ...chained].flatMap(conjuncts);
  }

  /** Jumps in the loops around a call that JavaScript decided on placeholders are refused (control-flow.ts); once per call. */
  protected checkControlFlow(site: CallSite): void {
    if (this.flowChecked.has(site.call)) return;
    this.flowChecked.add(site.call);
    this.inTry ??= site.context.inTry;
    checkLoopJumps(site.context.loops, this.scope);
    if (this.source) {
      checkBlockBreaks(this.source.fn, site.call, this.scope);
      checkSwitchJumps(this.source.fn, site.call, this.scope);
    }
  }

  protected siteNow(): CallSite | undefined {
    return this.forcedSite ?? (this.source ? currentCallSite(this.source) : undefined);
  }

  enterLoop(iterator: IteratorRoot): void {
    this.referenceLoops.enter(iterator);
  }

  exitLoop(iterator: IteratorRoot): void {
    this.referenceLoops.exit(iterator);
  }

  /** The static type a reference has (spec field, resource field, loop item). */
  refType(ref: RefData): CelType {
    return this.types.refType(ref);
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
    const outer = source ? enclosingScope(source.file, source.fn, isFactoryCall, source.observed) : scopeOf({});
    Object.assign(this.bindings, parameterBindings(source?.fn.params ?? [], this.specType, this.parameter, outer));
  }

  protected conditionsOf(site: CallSite): Expr[] {
    // A condition that reads no reference was decided exactly by JavaScript when the call ran: nothing to
    // include. A call JavaScript skipped (made here) keeps them all: one of them may be why it was skipped.
    const made = this.forcedSite !== undefined;
    const onReferences = site.context.conditions.filter(({ test }) => made || mentionsReferences(test, this.scope));
    return onReferences.map(({ test, negated }) => {
      const condition = compileConditionNode(test, this.scope);
      return negated ? E.unary('!', condition) : condition;
    });
  }

  protected compileResourceCondition(kind: ConditionKind, input: unknown, record: ResourceRecord): Expr {
    const site = this.siteNow();
    // Called inside a helper (`gate(web, spec.on)` calling `d.withIncludeWhen(on)`), the argument is the
    // method call's, read in the helper's scope; the outer call's first argument would be the handle.
    const method = kind === 'readyWhen' ? 'withReadyWhen' : 'withIncludeWhen';
    const { call, scope } = site ? callScope(site, this.source!, this.scope, isFactoryCall, `${method}() is called`) : { call: undefined, scope: this.scope };
    const argument = call && isMethodCall(call, method) ? call.arguments[0] : undefined;
    const condition = compileResourceCondition(kind, input, record, argument, scope);
    const collection = kind === 'includeWhen' ? this.collectionOf.get(record) : undefined;
    if (collection) refuseItemIncludeWhen(condition, record, collection, argument);
    return condition;
  }
}
