/**
 * Structural questions about a composition function's AST: what it returns as status, and under which
 * conditions and loops each factory call sits. Answers are syntactic; compiling them is the caller's job.
 */
import type { ArrayPattern, Node, ObjectExpression, ObjectPattern, ReturnStatement } from '@babel/types';
import { isFunctionNode, isLoopCallbackOf, lastRunStatement, patternNames, soleBranch, unwrap, walk } from './ast.js';
import { syntaxError } from './errors.js';
import { snippetOf } from './source.js';
import { parentsOf, type FunctionNode } from './function-facts.js';
import { chainedConditions } from './handle-methods.js';
import { itemPattern, patternItemName } from './loop-items.js';

export { factoryCallsIn, parentIn, throwsIn, type FunctionNode } from './function-facts.js';

/** An `if`, ternary or `&&`/`||` guarding a call; `negated` when the call is on the false side. */
export interface EnclosingCondition {
  readonly test: Node;
  readonly negated: boolean;
}

/**
 * A loop around a call: `for (const v of source)`, `source.map((v) => ...)`, `source.forEach(...)`, or a
 * counted `for (let v = a; v < b; v++)` (`kind: 'for'`, `source` its test, `counted` the statement).
 */
export interface EnclosingLoop {
  /**
   * The name each item is bound to: the loop variable, or for a loop that destructures its item
   * (`for (const { name } of list)`) the name TypeKro gives the item (loop-items.ts).
   */
  readonly variable: string;
  /** Every name the loop head declares: `variable`, or the names of its pattern. */
  readonly names: readonly string[];
  /** The callback's second parameter, if it declares one (`(w, i) => ...`). */
  readonly index?: string;
  readonly source: Node;
  readonly kind: 'for-of' | 'map' | 'forEach' | 'for';
  /** The loop's body (statement or callback): what runs once per item. */
  readonly body: Node;
  readonly counted?: CountedLoop;
}

/** `for (let variable = start; variable <op> end; variable += step)`: the parts a definition-time loop needs. */
export interface CountedLoop {
  readonly start: Node;
  readonly operator: '<' | '<=' | '>' | '>=';
  readonly end: Node;
  /** +1 or -1 (`i++`, `i--`), or the literal of `i += n` / `i -= n`. */
  readonly step: number;
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
    else if (parent.type === 'SwitchCase') {
      throw syntaxError(parent, '`switch` is not supported around resources', "write if / else if / else instead (`if (spec.env === 'prod') { ... } else { ... }`; each branch becomes an includeWhen), or choose field values with a ternary");
    } else if (isUnsupportedLoop(parent, child)) {
      throw syntaxError(parent, 'a resource is created inside a loop form the compiler cannot express', 'use `for (const x of list)` or `list.map((x) => ...)` over a spec list');
    }
  }
  const declaredAs = bindingName(call, parents);
  const orNothing = declaredAs !== undefined && boundTop(call, parents) !== valueTop(call, parents);
  if (orNothing) refuseBareUse(fn, parents, parents.get(boundTop(call, parents))!, parents.get(valueTop(call, parents))!);
  const declaredPattern = bindingPattern(call, parents);
  const declaredName = declaredAs ?? (declaredPattern && patternNames(declaredPattern)[0]);
  if (declaredName !== undefined && (conditions.length > 0 || loops.length > 0) && isVar(call, parents)) throw conditionalVar(call, declaredName);
  const collection = loops.length > 0 ? collectedAs(call, parents) : undefined;
  return {
    ...(declaredAs !== undefined && { declaredAs }),
    ...(orNothing && { orNothing }),
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

/** The loop `parent` is, when it has a form resources can be created in (others are refused where resources are). */
function loopForm(parent: Node, child: Node, parents: Map<Node, Node>): EnclosingLoop | undefined {
  try {
    return loopOf(parent, child, parents);
  } catch {
    return undefined;
  }
}

/**
 * The condition `parent` puts on `child`: the test of an `if` or ternary, or the left side of `&&`, `||`,
 * `??` (and `&&=`, `||=`, `??=`), which JavaScript evaluates the right side under.
 */
export function conditionOf(parent: Node, child: Node): EnclosingCondition | undefined {
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

function loopOf(parent: Node, child: Node, parents: Map<Node, Node>): EnclosingLoop | undefined {
  if (parent.type === 'ForOfStatement' && child === parent.body) {
    const left = parent.left;
    const id = left.type === 'VariableDeclaration' ? left.declarations[0]?.id : left;
    if (id?.type === 'Identifier') return { variable: id.name, names: [id.name], source: parent.right, kind: 'for-of', body: parent.body };
    return { ...destructuredItem(parent, left), source: parent.right, kind: 'for-of', body: parent.body };
  }
  if (parent.type === 'ForStatement' && child === parent.body) return countedLoop(parent);
  if (!isFunctionNode(parent) || !isLoopCallback(parent, parents)) return undefined;
  const owner = parents.get(parent);
  if (owner?.type !== 'CallExpression' || owner.callee.type !== 'MemberExpression') return undefined;
  const [item, index] = parent.params;
  if (!item || (item.type !== 'Identifier' && !itemPattern(parent))) throw syntaxError(parent, 'a loop callback must take its item as a name or a destructuring pattern', 'write `(item) => ...` or `({ name, port = 80 }) => ...`');
  const method = owner.callee.property.type === 'Identifier' ? owner.callee.property.name : '';
  return {
    ...(item.type === 'Identifier' ? { variable: item.name, names: [item.name] } : destructuredItem(parent, item)),
    ...(index?.type === 'Identifier' && { index: index.name }),
    source: owner.callee.object,
    kind: method === 'forEach' ? 'forEach' : 'map',
    body: parent,
  };
}

/**
 * The item of a loop that destructures it: the name it is given and the names the pattern declares (each
 * an alias of its read from the item, as `const { name } = item` in the body would be; local-scope.ts).
 */
function destructuredItem(loop: Node, head: Node): { variable: string; names: readonly string[] } {
  const pattern = itemPattern(loop);
  const variable = pattern && patternItemName(loop);
  if (!pattern || variable === undefined) {
    throw syntaxError(head, 'a for-of loop that assigns its item to names declared elsewhere is not supported', 'declare the names in the loop head: `for (const [name, replicas] of list)` or `for (const { name } of list)`');
  }
  return { variable, names: [variable, ...patternNames(pattern)] };
}

const COUNTED_FORM = 'a resource is created inside a `for` loop that is not a counted loop TypeKro can run at definition time';
const COUNTED_HINT = "write it as `for (let i = 0; i < 3; i++)` with bounds known at definition time, or loop over a constant array (`for (const x of ['a', 'b'])`) or a spec list (`for (const x of spec.items)`)";

/** A counted `for` loop: one variable, compared with a bound, stepped by a literal, not assigned in the body. */
function countedLoop(loop: Extract<Node, { type: 'ForStatement' }>): EnclosingLoop {
  const init = loop.init?.type === 'VariableDeclaration' && loop.init.declarations.length === 1 ? loop.init.declarations[0] : undefined;
  const name = init?.id.type === 'Identifier' ? init.id.name : undefined;
  const test = loop.test && unwrap(loop.test);
  const step = loop.update ? stepOf(loop.update, name) : undefined;
  if (!init?.init || name === undefined || test?.type !== 'BinaryExpression' || !['<', '<=', '>', '>='].includes(test.operator) || step === undefined) {
    throw syntaxError(loop, COUNTED_FORM, COUNTED_HINT);
  }
  const left = unwrap(test.left as Node);
  if (left.type !== 'Identifier' || left.name !== name) throw syntaxError(test, COUNTED_FORM, COUNTED_HINT);
  walk(loop.body, (node) => {
    const target = node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
    if (target?.type === 'Identifier' && target.name === name) throw syntaxError(node, `${COUNTED_FORM}: the body changes \`${name}\``, COUNTED_HINT);
  });
  return {
    variable: name, names: [name], source: test, kind: 'for', body: loop.body,
    counted: { start: init.init, operator: test.operator as CountedLoop['operator'], end: test.right, step },
  };
}

function stepOf(update: Node, name: string | undefined): number | undefined {
  const node = unwrap(update);
  if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier' && node.argument.name === name) return node.operator === '++' ? 1 : -1;
  if (node.type !== 'AssignmentExpression' || node.left.type !== 'Identifier' || node.left.name !== name) return undefined;
  const right = unwrap(node.right);
  if (right.type !== 'NumericLiteral' || !Number.isSafeInteger(right.value) || right.value === 0) return undefined;
  return node.operator === '+=' ? right.value : node.operator === '-=' ? -right.value : undefined;
}

/** True when `fn` is the first argument of `x.map(...)`, `x.forEach(...)` or `x.flatMap(...)`. */
function isLoopCallback(fn: Node, parents: Map<Node, Node>): boolean {
  return isLoopCallbackOf(fn, parents.get(fn));
}

function isUnsupportedLoop(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForInStatement':
      return child === parent.body;
    default:
      return false;
  }
}

const VALUE_WRAPPERS: ReadonlySet<string> = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression', 'AwaitExpression']);

/** The outermost node standing for a call's value: through `await`, TS assertions and fluent chains `F(...).withX(...)`. */
function valueTop(call: Node, parents: Map<Node, Node>): Node {
  let node = call;
  for (let parent = parents.get(node); parent; node = parent, parent = parents.get(node)) {
    const fluent = parent.type === 'MemberExpression' && parent.object === node;
    const called = parent.type === 'CallExpression' && parent.callee === node && node.type === 'MemberExpression';
    if (!fluent && !called && !VALUE_WRAPPERS.has(parent.type)) return node;
  }
  return node;
}

/** `const x = F(...)`, also through `await`, TS assertions and fluent chains `F(...).withX(...)`. */
function bindingName(call: Node, parents: Map<Node, Node>): string | undefined {
  const top = boundTop(call, parents);
  const parent = parents.get(top);
  return parent?.type === 'VariableDeclarator' && parent.init === top && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

/** {@link valueTop}, and past `test ? F(...) : undefined`: the local holds the handle, or nothing (local-scope.ts). */
function boundTop(call: Node, parents: Map<Node, Node>): Node {
  const top = valueTop(call, parents);
  const choice = parents.get(top);
  return choice && soleBranch(choice) === top ? valueTop(choice, parents) : top;
}

/**
 * Refuses a use of a local holding `test ? F(...) : undefined` other than reading its fields (`c.status`,
 * `c!.status`, `c?.status`): JavaScript's value there is the handle or nothing (`c ? a : b`, `c !== undefined`,
 * `f(c)`), which no CEL value of the resource stands for; the test itself says the same.
 */
function refuseBareUse(fn: FunctionNode, parents: Map<Node, Node>, declarator: Node, choice: Node): void {
  if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || choice.type !== 'ConditionalExpression') return;
  const name = declarator.id.name;
  let bare: Node | undefined;
  walk(fn, (node, parent) => {
    if (bare) return false;
    if (node.type !== 'Identifier' || node.name !== name || node === declarator.id || !parent || !isValueUse(node, parent)) return true;
    let outer: Node = node;
    while (parents.get(outer) && VALUE_WRAPPERS.has(parents.get(outer)!.type)) outer = parents.get(outer)!;
    const reader = parents.get(outer);
    if (!((reader?.type === 'MemberExpression' || reader?.type === 'OptionalMemberExpression') && reader.object === outer)) bare = node;
    return true;
  });
  if (!bare) return;
  const test = snippetOf(choice.test);
  throw syntaxError(
    bare,
    `\`${name}\` holds a resource only where \`${test}\` is true (\`${snippetOf(choice)}\`), and is used here as a value: CEL has no value for a resource that does not exist`,
    `test the condition itself (\`${test} ? ... : ...\`) and read \`${name}\`'s fields under it (\`${name}!.status...\`)`,
  );
}

/** Whether an identifier named like a local reads it: not a property name, a member's name or a declaration. */
function isValueUse(node: Node, parent: Node): boolean {
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod') && parent.key === node && !parent.computed && !(parent.type === 'ObjectProperty' && parent.shorthand)) return false;
  return parent.type !== 'VariableDeclarator' && !isFunctionNode(parent) && parent.type !== 'AssignmentPattern';
}

/** `const { a, b } = f(...)` or `const [a, b] = f(...)`: the pattern, through the same wrappers as {@link bindingName}. */
function bindingPattern(call: Node, parents: Map<Node, Node>): ObjectPattern | ArrayPattern | undefined {
  const top = valueTop(call, parents);
  const parent = parents.get(top);
  if (parent?.type !== 'VariableDeclarator' || parent.init !== top) return undefined;
  return parent.id.type === 'ObjectPattern' || parent.id.type === 'ArrayPattern' ? parent.id : undefined;
}

/** Whether the declaration that binds `call`'s result is a `var`. */
function isVar(call: Node, parents: Map<Node, Node>): boolean {
  const declarator = parents.get(boundTop(call, parents));
  const declaration = declarator && parents.get(declarator);
  return declaration?.type === 'VariableDeclaration' && declaration.kind === 'var';
}

/** A handle in a `var` under a condition or loop: hoisted, it is read after the branch, undefined where it did not run. */
function conditionalVar(call: Node, name: string): Error {
  return syntaxError(
    call,
    `\`${name}\` is declared with \`var\` under a condition or loop: a \`var\` belongs to the whole function, so it can be read after the branch, where JavaScript leaves it undefined when the branch did not run (TypeKro would read the resource there)`,
    `declare it with \`const\` inside the branch and read it there; outside, test the branch's condition itself where the handle was tested (\`condition ? 'has' : 'none'\`)`,
  );
}

/** See {@link EnclosingContext.collectedAs}. */
function collectedAs(call: Node, parents: Map<Node, Node>): { name: string; nested: boolean } | undefined {
  const top = valueTop(call, parents);
  const pushed = pushTarget(top, parents);
  if (pushed) return { name: pushed, nested: false };
  const fromMap = mapResult(top, parents, false);
  if (fromMap) return fromMap;
  // `const pod = F(...); return pod;` or `const pod = F(...); pods.push(pod);` in the same block.
  const declarator = parents.get(top);
  const declaration = declarator && parents.get(declarator);
  const block = declaration && parents.get(declaration);
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || block?.type !== 'BlockStatement') return undefined;
  const name = declarator.id.name;
  for (const statement of block.body) {
    if (statement.type === 'ReturnStatement' && statement.argument?.type === 'Identifier' && statement.argument.name === name) return mapResult(statement.argument, parents, false);
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression') {
      const [argument] = statement.expression.arguments;
      if (argument?.type === 'Identifier' && argument.name === name) {
        const target = pushTarget(argument, parents);
        if (target) return { name: target, nested: false };
      }
    }
  }
  return undefined;
}

/** `list.push(node)` with `list` a plain name. */
function pushTarget(node: Node, parents: Map<Node, Node>): string | undefined {
  const parent = parents.get(node);
  if (parent?.type !== 'CallExpression' || parent.arguments.length !== 1 || parent.arguments[0] !== node) return undefined;
  const callee = parent.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'push') return undefined;
  return callee.object.type === 'Identifier' ? callee.object.name : undefined;
}

/** `node` is what a `.map` callback returns: the variable the mapped list is assigned to (through outer `.map`s). */
function mapResult(node: Node, parents: Map<Node, Node>, nested: boolean): { name: string; nested: boolean } | undefined {
  const parent = parents.get(node);
  let fn: Node | undefined;
  if (parent && isFunctionNode(parent) && parent.body === node) fn = parent;
  else if (parent?.type === 'ReturnStatement') {
    const block = parents.get(parent);
    const owner = block && parents.get(block);
    if (block?.type === 'BlockStatement' && owner && isFunctionNode(owner) && owner.body === block) fn = owner;
  }
  if (!fn || !isLoopCallback(fn, parents)) return undefined;
  const call = parents.get(fn) as Extract<Node, { type: 'CallExpression' }>;
  const callee = call.callee as Extract<Node, { type: 'MemberExpression' }>;
  if ((callee.property as { name?: string }).name !== 'map') return undefined;
  // Only wrappers: `list.map(...).join()` is a string, not the collection.
  let top: Node = call;
  for (let up = parents.get(top); up && VALUE_WRAPPERS.has(up.type); up = parents.get(top)) top = up;
  const declarator = parents.get(top);
  if (declarator?.type === 'VariableDeclarator' && declarator.init === top && declarator.id.type === 'Identifier') return { name: declarator.id.name, nested };
  return mapResult(top, parents, true);
}

/**
 * The AST of a nested value in an object-literal argument: `argumentProperty(obj, ['spec', 'image'])`,
 * numbers index array literals. `undefined` when the path leaves literal syntax (spread, computed keys).
 */
export function argumentProperty(objectExpr: Node, path: readonly (string | number)[]): Node | undefined {
  let current: Node | undefined = unwrap(objectExpr);
  for (const key of path) {
    if (!current) return undefined;
    current = typeof key === 'number' ? arrayItem(current, key) : objectProperty(current, key);
    current = current && unwrap(current);
  }
  return current;
}

function arrayItem(node: Node, index: number): Node | undefined {
  if (node.type !== 'ArrayExpression' || node.elements.some((e) => e?.type === 'SpreadElement')) return undefined;
  return node.elements[index] ?? undefined;
}

function objectProperty(node: Node, key: string): Node | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  // The last matching property wins, as in JavaScript; a spread after it could override it.
  for (let i = node.properties.length - 1; i >= 0; i--) {
    const property = node.properties[i];
    if (!property || property.type === 'SpreadElement') return undefined;
    if (property.type === 'ObjectProperty' && !property.computed && propertyKey(property.key) === key) return property.value;
  }
  return undefined;
}

function propertyKey(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  return undefined;
}
