/**
 * Structural questions about a composition function's AST: what it returns as status, and under which
 * conditions and loops each factory call sits. Answers are syntactic; compiling them is the caller's job.
 */
import type { ArrayPattern, Node, ObjectPattern, ReturnStatement } from '@babel/types';
import { isFunctionNode, lastRunStatement, patternNames, unwrap, walk } from './ast.js';
import { syntaxError } from './errors.js';
import { parentsOf, type FunctionNode } from './function-facts.js';
import { chainedConditions } from './handle-methods.js';
import { bindingName, bindingPattern, boundTop, collectedAs, conditionalVar, isVar, refuseBareUse, valueTop } from './call-binding.js';
import { isLoopCallback, isUnsupportedLoop, loopForm, loopOf, type EnclosingLoop } from './enclosing-loops.js';
import { caseCondition } from './switch-cases.js';

export { factoryCallsIn, parentIn, throwsIn, type FunctionNode } from './function-facts.js';
export type { CountedLoop, EnclosingLoop } from './enclosing-loops.js';

/** An `if`, ternary or `&&`/`||` guarding a call; `negated` when the call is on the false side. */
export interface EnclosingCondition {
  readonly test: Node;
  readonly negated: boolean;
}

/** Everything around one call, outermost first. */
export interface EnclosingContext {
  /** The `const`/`let` name the call's result is bound to (also through fluent `.withX(...)` calls). */
  readonly declaredAs?: string;
  /**
   * `declaredAs` holds the handle only under the ternary's test, and nothing otherwise
   * (`const cache = spec.cache ? F(...) : undefined`): where the resource is absent, JavaScript's
   * `cache.status` throws rather than reading `undefined` (excluded-reads.ts).
   */
  readonly orNothing?: true;
  /** With {@link orNothing}: the test under which the local holds the handle (`negated`: where it is false). */
  readonly truthyWhen?: { readonly test: Node; readonly negated: boolean };
  /**
   * The pattern the call's result is destructured into (`const { deploy, svc } = webPair(spec.name)`): the names
   * of the resources a helper returns in an object or a list (composition/inline-calls.ts).
   */
  readonly declaredPattern?: ObjectPattern | ArrayPattern;
  /**
   * The variable holding the list a loop builds from this call (a KRO collection): `const pods =
   * list.map((x) => F(...))`, or `pods.push(F(...))` / `const p = F(...); pods.push(p)` in a loop body.
   * `nested` when inner `.map`s make it a list of lists (KRO flattens forEach dimensions into one list).
   */
  readonly collectedAs?: { readonly name: string; readonly nested: boolean };
  readonly conditions: readonly EnclosingCondition[];
  readonly loops: readonly EnclosingLoop[];
  /**
   * The innermost function between the composition and the call that is not a loop callback (a local
   * helper): the call may run any number of times, with arguments the analysis cannot see.
   */
  readonly insideHelper?: Node;
  /**
   * The conditions chained onto the call (`F(...).withIncludeWhen(spec.tls)`, also an argument-less arrow
   * `() => spec.tls`): the object exists only where they hold, as under an enclosing `if`.
   */
  readonly chainedConditions: readonly Node[];
  /**
   * The innermost `try` block or `catch` clause around the call. Refused after the run, not here: the user's
   * `catch` would swallow an error thrown while the call is made.
   */
  readonly inTry?: Node;
}

/**
 * Statements that can hold other statements. A `return` of `fn` itself sits in its statement tree; inside
 * an expression a `return` can only belong to a nested function, so expressions are not searched (the
 * body of a large composition is mostly expressions).
 */
const STATEMENT_CONTAINERS = new Set([
  'BlockStatement', 'IfStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement',
  'TryStatement', 'CatchClause', 'SwitchStatement', 'SwitchCase', 'LabeledStatement', 'WithStatement',
]);

/** The returns that belong to `fn` itself (not to nested functions). */
function ownReturns(fn: FunctionNode): ReturnStatement[] {
  const returns: ReturnStatement[] = [];
  walk(fn.body, (node) => {
    if (node.type === 'ReturnStatement') {
      returns.push(node);
      return false;
    }
    return STATEMENT_CONTAINERS.has(node.type);
  });
  return returns;
}

/**
 * The expression the composition returns as its status (TypeScript wrappers such as `as T` and
 * `satisfies T` removed), or `undefined` when it returns nothing. Supported: an expression body `=> ({...})`,
 * or one `return ...` as the last statement; the caller resolves a name to the object literal it holds.
 */
export function returnedStatus(fn: FunctionNode): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return unwrap(fn.body);
  const returns = ownReturns(fn);
  const last = lastRunStatement(fn.body.body);
  const only = returns[0];
  if (!only) return undefined;
  if (returns.length > 1 || only !== last) {
    const offender = returns.find((r) => r !== last) ?? only;
    throw syntaxError(offender, 'a composition must return its status once, at the end', 'compute conditional status values with ternaries inside one final `return { ... }`');
  }
  return only.argument ? unwrap(only.argument) : undefined;
}

/** Array methods that call their callback a number of times its answers decide (or the engine does: `sort`). */
const EARLY_EXIT_METHODS: ReadonlySet<string> = new Set(['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'sort', 'toSorted']);

/**
 * Refuses `call` when it is `list.some(callback)`, `list.find(...)`, ... and a resource is created under it:
 * how many items reach the callback depends on what it returned for the earlier ones, which JavaScript
 * decided once, on placeholders (trial 7 H14).
 *
 * @example
 * ```ts
 * refuseEarlyExitCall(siteCall); // throws for TIERS.some((t) => { ConfigMap(...); return t === spec.tier; })
 * ```
 */
export function refuseEarlyExitCall(call: Node): void {
  if (call.type !== 'CallExpression' || !call.arguments.some((argument) => isFunctionNode(argument))) return;
  const callee = unwrap(call.callee);
  const method = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (method === undefined || !EARLY_EXIT_METHODS.has(method)) return;
  throw syntaxError(
    call,
    `a resource is created in a \`.${method}(...)\` callback: how many items reach it depends on what the callback returns, which JavaScript decided once, at definition time, on placeholders`,
    'walk the list with `for (const x of list)` (or `.forEach`) and create the resource under `if (...)`: each becomes an includeWhen',
  );
}

/** The conditions, loops and binding name around `call` inside `fn`. */
export function enclosingContext(fn: FunctionNode, call: Node): EnclosingContext {
  const parents = parentsOf(fn);
  const conditions: EnclosingCondition[] = [];
  const loops: EnclosingLoop[] = [];
  let insideHelper: Node | undefined;
  let inTry: Node | undefined;
  for (let child = call, parent = parents.get(call); parent && child !== fn; child = parent, parent = parents.get(parent)) {
    const condition = conditionOf(parent, child);
    if (condition) conditions.push(condition);
    const loop = loopOf(parent, child, parents);
    if (loop) loops.push(loop);
    else if (isFunctionNode(parent) && parent !== fn && !insideHelper && !isLoopCallback(parent, parents)) insideHelper = parent;
    else if ((parent.type === 'TryStatement' && child === parent.block) || parent.type === 'CatchClause') inTry ??= parent;
    else if (isUnsupportedLoop(parent, child)) {
      throw syntaxError(parent, 'a resource is created inside a loop form the compiler cannot express', 'use `for (const x of list)` or `list.map((x) => ...)` over a spec list');
    }
  }
  const declaredAs = bindingName(call, parents);
  const orNothing = declaredAs !== undefined && boundTop(call, parents) !== valueTop(call, parents);
  const choice = orNothing ? parents.get(valueTop(call, parents))! : undefined;
  if (choice) refuseBareUse(fn, parents, parents.get(boundTop(call, parents))!, choice);
  const declaredPattern = bindingPattern(call, parents);
  const declaredName = declaredAs ?? (declaredPattern && patternNames(declaredPattern)[0]);
  if (declaredName !== undefined && (conditions.length > 0 || loops.length > 0) && isVar(call, parents)) throw conditionalVar(call, declaredName);
  const collection = loops.length > 0 ? collectedAs(call, parents) : undefined;
  return {
    ...(declaredAs !== undefined && { declaredAs }),
    ...(orNothing && { orNothing }),
    ...(choice && truthyTest(choice, valueTop(call, parents))),
    ...(declaredPattern && { declaredPattern }),
    ...(collection && { collectedAs: collection }),
    conditions: conditions.reverse(),
    loops: loops.reverse(),
    ...(insideHelper && { insideHelper }),
    chainedConditions: chainedConditions(fn, call),
    ...(inTry && { inTry }),
  };
}

/**
 * The innermost local helper between `fn` and `node` ({@link EnclosingContext.insideHelper}), without the
 * checks {@link enclosingContext} makes for resources: asked of every call, most of which make none.
 */
export function helperAround(fn: FunctionNode, node: Node): Node | undefined {
  const parents = parentsOf(fn);
  let helper: Node | undefined;
  for (let child = node, parent = parents.get(node); parent && child !== fn; child = parent, parent = parents.get(parent)) {
    if (isFunctionNode(parent) && parent !== fn && !isLoopCallback(parent, parents)) helper ??= parent;
  }
  return helper;
}

/**
 * The conditions and loops around any node of `fn` (a `throw`, say), outermost first, without the checks
 * {@link enclosingContext} makes for resources.
 */
export function guardsOf(fn: FunctionNode, node: Node): { conditions: EnclosingCondition[]; loops: EnclosingLoop[] } {
  const parents = parentsOf(fn);
  const conditions: EnclosingCondition[] = [];
  const loops: EnclosingLoop[] = [];
  for (let child = node, parent = parents.get(node); parent && child !== fn; child = parent, parent = parents.get(parent)) {
    const condition = conditionOf(parent, child);
    if (condition) conditions.unshift(condition);
    const loop = loopForm(parent, child, parents);
    if (loop) loops.unshift(loop);
  }
  return { conditions, loops };
}

/**
 * The condition `parent` puts on `child`: the test of an `if` or ternary, the left side of `&&`, `||`,
 * `??` (and `&&=`, `||=`, `??=`), which JavaScript evaluates the right side under, or the `===` tests of the
 * labels that lead into a `case` of a `switch` (switch-cases.ts).
 */
export function conditionOf(parent: Node, child: Node): EnclosingCondition | undefined {
  if (parent.type === 'SwitchStatement' && child.type === 'SwitchCase') return caseCondition(parent, child);
  if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
    if (child === parent.consequent) return { test: parent.test, negated: false };
    if (child === parent.alternate) return { test: parent.test, negated: true };
  }
  const logical = parent.type === 'LogicalExpression' ? parent.operator : parent.type === 'AssignmentExpression' ? parent.operator.slice(0, -1) : undefined;
  if ((parent.type === 'LogicalExpression' || parent.type === 'AssignmentExpression') && child === parent.right && (logical === '&&' || logical === '||' || logical === '??')) {
    return logical === '??' ? { test: isSet(parent.left), negated: true } : { test: parent.left, negated: logical === '||' };
  }
  return undefined;
}

/** `left != null`: what `left ?? right` tests before it evaluates `right` (true when `left` is neither null nor undefined). */
function isSet(left: Node): Node {
  const position = { loc: left.loc, start: left.start, end: left.end };
  return { type: 'BinaryExpression', operator: '!=', left, right: { type: 'NullLiteral', ...position }, ...position } as Node;
}

/** `test ? F() : undefined`, `test ? undefined : F()`, `test && F()`: the test the handle's presence follows. */
function truthyTest(choice: Node, chosen: Node): { truthyWhen: { test: Node; negated: boolean } } | undefined {
  if (choice.type === 'ConditionalExpression') return { truthyWhen: { test: choice.test, negated: choice.alternate === chosen } };
  if (choice.type === 'LogicalExpression' && choice.operator === '&&') return { truthyWhen: { test: choice.left, negated: false } };
  return undefined;
}
