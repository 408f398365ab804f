/**
 * Factory calls JavaScript never made. `if (spec.env === 'prod') { ... } else { ... }` runs at
 * definition time on placeholders, so one branch (or both) is skipped. A skipped call to a TypeKro
 * factory is made here instead, with its arguments compiled from source, under the conditions around it.
 */
import { dirname, resolve } from 'node:path';
import type { Node } from '@babel/types';
import { countedCallbackRefusal } from './counted-callbacks.js';
import { enclosingContext, factoryCallsIn, helperAround, parentIn, refuseEarlyExitCall } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { type IsFactoryCall } from '../analysis/local-scope.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { helperFactoryCalls, type HelperFactoryCall } from './helper-calls.js';
import { isReferenceLoop } from './collections.js';
import { jumpsBefore } from './control-flow.js';
import { jumpsOf } from '../analysis/jumps.js';
import { caseTestText } from '../analysis/switch-cases.js';
import { scopeOf, type Binding, type Scope } from '../analysis/scope.js';
import { locationOf, parseSourceFile, snippetOf, type CallNode } from '../analysis/source.js';
import { typekroImportName } from '../analysis/modules.js';
import { exprValue } from '../ir/value.js';
import type { Expr } from '../ir/expr.js';
import { isInternalFile } from '../model/call-site.js';
import { factoryByName, isFactoryName } from '../model/factory.js';
import { compileValueNode } from './compile-node.js';
import { withGuards } from '../analysis/absent-spec.js';
import { literalValue } from './source-values.js';
import { applyConditionMethods } from './skipped-methods.js';
import type { CallSite, CompositionSource } from './source-site.js';

export interface SkippedCallHost {
  readonly source: CompositionSource;
  readonly scope: Scope;
  /** Makes the call as if the user had: the run uses `site` instead of the stack. */
  callAt(site: CallSite, call: () => unknown): void;
  /**
   * Runs `body` inside the loops around a skipped call (outermost first), as JavaScript would have entered
   * them: each loop's list is compiled from source and its variable bound to the forEach item.
   */
  inLoops(site: CallSite, body: () => void): void;
  /** The `&&` terms of the conditions around `site`, known to hold in its arguments. */
  guardsAt(site: CallSite): readonly Expr[];
  /** Whether a call of the composition function led to a factory call when JavaScript ran it. */
  ran(call: Node): boolean;
  readonly isFactoryCall: IsFactoryCall;
}

/**
 * A factory call JavaScript never made: one written in the composition function (`call` itself), or one a
 * helper makes (`made`), reached through the call `call` of the composition that JavaScript skipped.
 */
export interface SkippedCall {
  readonly call: CallNode;
  readonly made?: HelperFactoryCall;
}

/**
 * The factory calls JavaScript skipped, in source order: `unexecuted` (the composition's own) and those of
 * the helper calls it skipped. Reading every helper the composition calls refuses, at its place, a resource
 * under a condition or loop on a reference inside one, whether JavaScript took that branch or not.
 */
export function skippedCalls(host: SkippedCallHost, unexecuted: readonly CallNode[]): SkippedCall[] {
  const reached = new Set<Node>();
  const found: SkippedCall[] = [];
  for (const call of factoryCallsIn(host.source.fn)) {
    // (Whether a call sits in a loop form resources cannot be made in is asked of calls that make resources only.)
    if (host.isFactoryCall(call) || helperAround(host.source.fn, call)) continue;
    const made = helperFactoryCalls(call, host.scope, host.isFactoryCall);
    for (const each of made) for (const node of each.chain) reached.add(node);
    if (!host.ran(call)) found.push(...made.map((each) => ({ call, made: each })));
  }
  // A factory call in a function nested in the composition that JavaScript ran is one the helper's own code skipped.
  found.push(...unexecuted.filter((call) => !reached.has(call)).map((call) => ({ call })));
  return found.sort((a, b) => (a.call.start ?? 0) - (b.call.start ?? 0));
}

/** Makes every skipped factory call, in source order; anything else that was skipped is an error. */
export function makeSkippedCalls(host: SkippedCallHost, skipped: readonly SkippedCall[]): void {
  for (const { call, made } of skipped) {
    if (decidedByJavaScript(call, host, made !== undefined)) continue;
    const factoryCall = made?.chain.at(-1) ?? call;
    const factory = typekroFactoryOf(factoryCall, locationOf(factoryCall)?.file ?? host.source.file);
    if (!factory && isNestedCompositionCall(factoryCall, host)) throw skippedNestedComposition(call, host, made && factoryCall);
    if (!factory) {
      throw syntaxError(
        factoryCall,
        'this call did not run when the composition was defined (its branch was decided on a placeholder value), and it is not a TypeKro factory TypeKro can make itself',
        'call the TypeKro factory directly inside the branch, or create the resource unconditionally with .withIncludeWhen(<condition>)',
      );
    }
    const context = enclosingContext(host.source.fn, call);
    if (context.insideHelper) {
      const counted = countedCallbackRefusal(host.source.fn, context.insideHelper);
      if (counted) throw counted;
      const owner = parentIn(host.source.fn, context.insideHelper);
      if (owner) refuseEarlyExitCall(owner);
      throw syntaxError(call, 'a factory call inside a skipped branch must sit directly in the composition function, not in a helper', 'call the factory inside the branch, or create the resource unconditionally with .withIncludeWhen(<condition>)');
    }
    if (made?.guard) throw guardedInSkippedHelper(call, made.guard);
    const location = locationOf(call) ?? { file: host.source.file, line: 0, column: 0 };
    const scope = made?.scope ?? host.scope;
    // A loop in the branch becomes a forEach under the branch's includeWhen, as when JavaScript entered it.
    const site: CallSite = made
      ? { call, location, context, direct: false, inner: made.chain.map((node) => locationOf(node) ?? location).reverse(), made: { call: factoryCall, scope } }
      : { call, location, context, direct: true, inner: [] };
    host.inLoops(site, () => {
      // Every argument: the positional forms (externalRef(apiVersion, kind, name), HelmChart(name, repo, chart, values)).
      const guarded = withGuards(scope, host.guardsAt(site));
      const args = factoryCall.arguments.map((argument) => argumentValue(argument, guarded));
      let handle: unknown;
      host.callAt(site, () => {
        handle = (factory as (...values: unknown[]) => unknown)(...args);
      });
      if (!made) applyConditionMethods(host, call, handle);
    });
  }
}

/**
 * A call skipped by conditions that read no reference (`if (FEATURE)`, a flag from the environment, a
 * constant loop's item, `!t.toUpperCase()`): JavaScript decided it exactly, so it is not made. So is one in
 * loops over constants that no jump on a reference leaves early. Calls in helpers nested in the composition are
 * not decided here (a callback that never ran is not a decision). A helper call under no condition at all
 * ran, and made what its own (constant) conditions let it.
 */
function decidedByJavaScript(call: CallNode, host: SkippedCallHost, helperCall: boolean): boolean {
  const context = enclosingContext(host.source.fn, call);
  // A jump before the call that may have skipped it (`blk: { if (FLAG) break blk; F(...) }`) is a condition too.
  const { jumps } = jumpsBefore(host.source.fn, call);
  if (context.insideHelper || (context.loops.length === 0 && context.conditions.length === 0 && !helperCall && jumps.length === 0)) return false;
  // The loops' own variables are items of constant lists here (the run may still bind an earlier loop's of the same name).
  const items: Record<string, Binding> = {};
  const scope = scopeOf(items, host.scope);
  const onReference = (test: Node): boolean => mentionsReferences(test, scope);
  for (const loop of context.loops) {
    if (isReferenceLoop(loop, scope) || jumpsOf(loop).some((jump) => jump.conditions.some(({ test }) => onReference(test)))) return false;
    for (const name of loop.names) items[name] = { kind: 'opaque', why: `\`${name}\` is the item of a loop over a constant list`, writes: [], scope: host.scope };
  }
  return !context.conditions.some(({ test }) => onReference(test)) && !jumps.some((jump) => jump.guards.some(onReference));
}

/** `cache({ ... })`: a call the run counts as creating resources whose callee is not a factory's name. */
function isNestedCompositionCall(call: CallNode, host: SkippedCallHost): boolean {
  return call.type === 'CallExpression' && call.callee.type === 'Identifier' && !isFactoryName(call.callee.name) && host.isFactoryCall(call);
}

/**
 * A nested composition (`if (spec.env !== 'dev') { cache({ ... }) }`) in a branch JavaScript skipped: TypeKro
 * can make a skipped factory call from its source, but not a composition, which exists only as the value of
 * its definition; leaving it out would silently drop its resources.
 */
function skippedNestedComposition(call: CallNode, host: SkippedCallHost, inHelper?: CallNode): Error {
  // The condition JavaScript decided on a placeholder: the first around the call that reads a reference.
  const decided = enclosingContext(host.source.fn, call).conditions.find(({ test }) => mentionsReferences(test, host.scope));
  const branch = decided ? ` (it runs where \`${conditionText(decided)}\`${decided.negated ? ' is false' : ' holds'})` : '';
  // Reached through a helper (`if (!spec.cache) addCache(spec)`): refused at the call in the branch, naming the composition.
  const place = inHelper && locationOf(inHelper);
  const what = inHelper ? `this call makes the nested composition \`${snippetOf(inHelper)}\`${place ? ` (${place.file === host.source.file ? 'line ' : `${place.file}:`}${place.line})` : ''}; it` : 'this nested composition';
  return syntaxError(
    call,
    `${what} did not run when the composition was defined${branch}: its branch was decided on a placeholder value (JavaScript enters only a branch whose condition is truthy for a placeholder, as a bare reference \`if (spec.cache)\` is), and TypeKro cannot make a composition from source`,
    'put the call in a branch whose condition is a spec field read as it is (`if (spec.withCache) { cache({ ... }) }`: its resources then take that includeWhen; add a boolean field for a negated or compared condition), or call its factories in the branch directly',
  );
}

/** A condition as the code that tests it: a `case` of a switch as its `===` tests (analysis/switch-cases.ts). */
function conditionText(condition: { test: Node; negated: boolean }): string {
  return caseTestText(condition.test) ?? snippetOf(condition.test);
}

function guardedInSkippedHelper(call: CallNode, guard: Node): Error {
  return syntaxError(
    guard,
    `the helper called at \`${snippetOf(call)}\` did not run when the composition was defined (its branch was decided on a placeholder value), and it creates a resource under \`${snippetOf(guard)}\`, which only running it decides`,
    'move the condition or loop out of the helper into the composition function, or call the helper unconditionally and give its resource .withIncludeWhen(<condition>)',
  );
}

/** The factory a call names, when the name is imported from TypeKro in that file. */
function typekroFactoryOf(call: CallNode, file: string): ((config: never) => unknown) | undefined {
  if (call.type === 'NewExpression') return undefined;
  const callee = call.callee;
  const local = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object.name : undefined;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (!local || !name || !importedFromTypeKro(local, file)) return undefined;
  // `Pod(...)` after `import { Deployment as Pod }` is the factory Deployment.
  return factoryByName(callee.type === 'Identifier' ? (typekroImportName(file, name) ?? name) : name);
}

function importedFromTypeKro(local: string, file: string): boolean {
  for (const statement of parseSourceFile(file).program.body) {
    if (statement.type !== 'ImportDeclaration' || !statement.specifiers.some((s) => s.local.name === local)) continue;
    const from = statement.source.value;
    if (from === 'typekro' || from.startsWith('typekro/')) return true;
    return from.startsWith('.') && isInternalFile(resolve(dirname(file), from));
  }
  return false;
}

/** An argument built from source: literals stay literals, anything over references is compiled. */
function argumentValue(node: Node | undefined, scope: Scope): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'ObjectExpression':
      return Object.fromEntries(
        node.properties.map((property) => {
          if (property.type !== 'ObjectProperty' || property.computed) {
            throw syntaxError(property, 'only plain properties are supported in a factory call inside a skipped branch', 'list the properties one by one');
          }
          const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
          if (key === undefined) throw syntaxError(property.key, 'unsupported property key', 'use a plain name or a string');
          return [key, argumentValue(property.value, scope)];
        }),
      );
    case 'ArrayExpression':
      return node.elements.map((element) => (element && element.type !== 'SpreadElement' ? argumentValue(element, scope) : undefined));
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return node.value;
    case 'NullLiteral':
      return null;
    default:
      // Unknown identifiers (module constants, locals) are reported by the compiler with file:line.
      return literalOrExpr(compileValueNode(node, scope).expr);
  }
}

function literalOrExpr(expr: Expr): unknown {
  return literalValue(expr) ?? exprValue(expr);
}
