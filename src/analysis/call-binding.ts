/**
 * What a factory call's value is bound to inside a composition function: the local or pattern it is declared
 * into (through `await`, TypeScript assertions and fluent `.withX(...)` chains), and the list a loop collects it in.
 */
import type { ArrayPattern, Node, ObjectPattern } from '@babel/types';
import { isFunctionNode, soleBranch, walk } from './ast.js';
import { syntaxError } from './errors.js';
import { snippetOf } from './source.js';
import { isLoopCallback } from './enclosing-loops.js';
import type { FunctionNode } from './function-facts.js';
import type { ParentLinks } from './parent-links.js';

/** Nodes that stand for the value they wrap. */
const VALUE_WRAPPERS: ReadonlySet<string> = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression', 'AwaitExpression']);

/** The outermost node standing for a call's value: through `await`, TS assertions and fluent chains `F(...).withX(...)`. */
export function valueTop(call: Node, parents: ParentLinks): Node {
  let node = call;
  for (let parent = parents.get(node); parent; node = parent, parent = parents.get(node)) {
    const fluent = parent.type === 'MemberExpression' && parent.object === node;
    const called = parent.type === 'CallExpression' && parent.callee === node && node.type === 'MemberExpression';
    if (!fluent && !called && !VALUE_WRAPPERS.has(parent.type)) return node;
  }
  return node;
}

/** `const x = F(...)`, also through `await`, TS assertions and fluent chains `F(...).withX(...)`. */
export function bindingName(call: Node, parents: ParentLinks): string | undefined {
  const top = boundTop(call, parents);
  const parent = parents.get(top);
  return parent?.type === 'VariableDeclarator' && parent.init === top && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

/** {@link valueTop}, and past `test ? F(...) : undefined`: the local holds the handle, or nothing (local-scope.ts). */
export function boundTop(call: Node, parents: ParentLinks): Node {
  const top = valueTop(call, parents);
  const choice = parents.get(top);
  return choice && soleBranch(choice) === top ? valueTop(choice, parents) : top;
}

/**
 * Refuses a use of a local holding `test ? F(...) : undefined` other than reading its fields (`c.status`,
 * `c!.status`, `c?.status`): JavaScript's value there is the handle or nothing (`c ? a : b`, `c !== undefined`,
 * `f(c)`), which no CEL value of the resource stands for; the test itself says the same.
 */
export function refuseBareUse(fn: FunctionNode, parents: ParentLinks, declarator: Node, choice: Node): void {
  if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return;
  const test = choice.type === 'ConditionalExpression' ? choice.test : choice.type === 'LogicalExpression' ? choice.left : undefined;
  if (!test) return;
  const name = declarator.id.name;
  let bare: Node | undefined;
  walk(fn, (node, parent) => {
    if (bare) return false;
    if (node.type !== 'Identifier' || node.name !== name || node === declarator.id || !parent || !isValueUse(node, parent)) return true;
    let outer: Node = node;
    while (parents.get(outer) && VALUE_WRAPPERS.has(parents.get(outer)!.type)) outer = parents.get(outer)!;
    // As a test (`svc ? svc.x : d`, `if (!svc)`): the handle is truthy exactly where its own test is (local-scope.ts).
    if (isConditionUse(outer, parents)) {
      HANDLE_TESTS.add(node);
      return true;
    }
    const reader = parents.get(outer);
    if ((reader?.type === 'MemberExpression' || reader?.type === 'OptionalMemberExpression') && reader.object === outer) return true;
    // Under its own test (`spec.cache ? isUp(cache!) : true`, trial 21 F5) the local is the handle in JavaScript too.
    const guarded = sameFunction(outer, declarator, parents) && boundOnce(fn, namesIn(test)) && underOwnTest(outer, parents, test, choice.type === 'ConditionalExpression' && soleBranch(choice) === choice.alternate);
    if (!guarded) bare = node;
    return true;
  });
  if (!bare) return;
  const text = snippetOf(test);
  throw syntaxError(
    bare,
    `\`${name}\` holds a resource only where \`${text}\` is true (\`${snippetOf(choice)}\`), and is used here as a value: CEL has no value for a resource that does not exist`,
    `test the condition itself (\`${text} ? ... : ...\`) and read \`${name}\`'s fields under it (\`${name}!.status...\`)`,
  );
}

/**
 * Whether `node` is evaluated only where `test` holds (`negated`: where it does not), by the test written again
 * around it: the chosen branch of `test ? ... : ...` or of `if (test)`, or the right side of `test && ...`. The
 * test is compared as written, so only the same test counts; the compiler's check of the resource's reads
 * (excluded-reads.ts) then holds the CEL to it.
 */
function underOwnTest(node: Node, parents: ParentLinks, test: Node, negated: boolean): boolean {
  const written = snippetOf(test);
  const same = (candidate: Node): boolean => snippetOf(candidate) === written;
  for (let child = node, parent = parents.get(node); parent && !isFunctionNode(parent); child = parent, parent = parents.get(parent)) {
    if (parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') {
      const branch = negated ? parent.alternate : parent.consequent;
      if (child === branch && same(parent.test)) return true;
    }
    if (!negated && parent.type === 'LogicalExpression' && parent.operator === '&&' && child === parent.right && same(parent.left)) return true;
  }
  return false;
}

/**
 * Whether `a` and `b` are in the same function, not in one nested in the other: a test written again in a
 * nested function may read other values under the same names (a parameter `spec`).
 */
function sameFunction(a: Node, b: Node, parents: ParentLinks): boolean {
  const enclosing = (node: Node): Node | undefined => {
    let current = parents.get(node);
    while (current && !isFunctionNode(current)) current = parents.get(current);
    return current;
  };
  return enclosing(a) === enclosing(b);
}

/** The names an expression reads (`spec` of `spec.cache`), not the properties it names. */
function namesIn(expression: Node): Set<string> {
  const names = new Set<string>();
  walk(expression, (node, parent) => {
    if (node.type !== 'Identifier') return true;
    const property = parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed;
    if (!property) names.add(node.name);
    return true;
  });
  return names;
}

/**
 * Whether each of `names` is declared at most once in `fn` (its parameters, locals, nested functions and
 * their parameters): then a test that reads them written twice in one function reads the same values.
 */
function boundOnce(fn: FunctionNode, names: ReadonlySet<string>): boolean {
  const counts = new Map<string, number>();
  const bind = (pattern: Node | null | undefined): void => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') counts.set(pattern.name, (counts.get(pattern.name) ?? 0) + 1);
    else if (pattern.type === 'ObjectPattern') for (const p of pattern.properties) bind(p.type === 'RestElement' ? p.argument : (p.value as Node));
    else if (pattern.type === 'ArrayPattern') for (const element of pattern.elements) bind(element);
    else if (pattern.type === 'AssignmentPattern') bind(pattern.left);
    else if (pattern.type === 'RestElement') bind(pattern.argument);
    else if (pattern.type === 'TSParameterProperty') bind(pattern.parameter);
  };
  walk(fn, (node) => {
    if (node.type === 'VariableDeclarator') bind(node.id);
    else if (isFunctionNode(node)) {
      for (const param of node.params) bind(param);
      if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) bind(node.id);
    } else if (node.type === 'CatchClause') bind(node.param);
    else if (node.type === 'ClassDeclaration' && node.id) bind(node.id);
    return true;
  });
  return [...names].every((name) => (counts.get(name) ?? 0) <= 1);
}

/**
 * The names of handles that may be undefined used as tests (`svc ? ...`): compiled to the test the handle is
 * made under (the binding's `truthyWhen`); one whose binding does not carry it is refused by the compiler
 * rather than tested as an object (always true). Keyed by the parsed source's nodes, which live as long as it.
 */
const HANDLE_TESTS = new WeakSet<Node>();

/** See {@link HANDLE_TESTS}. */
export function isHandleTest(node: Node): boolean {
  return HANDLE_TESTS.has(node);
}

/**
 * Whether `node`'s value is used only for its truthiness: the test of a ternary or an `if`, the operand of
 * `!`, and an operand of `&&`/`||` that are themselves such tests (their value is then only tested too).
 */
function isConditionUse(node: Node, parents: ParentLinks): boolean {
  const parent = parents.get(node);
  if (!parent) return false;
  if ((parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') && parent.test === node) return true;
  // `!svc` is a boolean of the handle's truthiness wherever it stands.
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
  if (VALUE_WRAPPERS.has(parent.type)) return isConditionUse(parent, parents);
  if (parent.type === 'LogicalExpression' && parent.operator !== '??') return isConditionUse(parent, parents);
  return false;
}

/** Whether an identifier named like a local reads it: not a property name, a member's name or a declaration. */
function isValueUse(node: Node, parent: Node): boolean {
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod') && parent.key === node && !parent.computed && !(parent.type === 'ObjectProperty' && parent.shorthand)) return false;
  // `typeof svc` in a type names the local's type, erased at run time.
  return parent.type !== 'VariableDeclarator' && !isFunctionNode(parent) && parent.type !== 'AssignmentPattern' && parent.type !== 'TSTypeQuery';
}

/** `const { a, b } = f(...)` or `const [a, b] = f(...)`: the pattern, through the same wrappers as {@link bindingName}. */
export function bindingPattern(call: Node, parents: ParentLinks): ObjectPattern | ArrayPattern | undefined {
  const top = valueTop(call, parents);
  const parent = parents.get(top);
  if (parent?.type !== 'VariableDeclarator' || parent.init !== top) return undefined;
  return parent.id.type === 'ObjectPattern' || parent.id.type === 'ArrayPattern' ? parent.id : undefined;
}

/** Whether the declaration that binds `call`'s result is a `var`. */
export function isVar(call: Node, parents: ParentLinks): boolean {
  const declarator = parents.get(boundTop(call, parents));
  const declaration = declarator && parents.get(declarator);
  return declaration?.type === 'VariableDeclaration' && declaration.kind === 'var';
}

/** A handle in a `var` under a condition or loop: hoisted, it is read after the branch, undefined where it did not run. */
export function conditionalVar(call: Node, name: string): Error {
  return syntaxError(
    call,
    `\`${name}\` is declared with \`var\` under a condition or loop: a \`var\` belongs to the whole function, so it can be read after the branch, where JavaScript leaves it undefined when the branch did not run (TypeKro would read the resource there)`,
    `declare it with \`const\` inside the branch and read it there; outside, test the branch's condition itself where the handle was tested (\`condition ? 'has' : 'none'\`)`,
  );
}

/** See {@link EnclosingContext.collectedAs}. */
export function collectedAs(call: Node, parents: ParentLinks): { name: string; nested: boolean } | undefined {
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
function pushTarget(node: Node, parents: ParentLinks): string | undefined {
  const parent = parents.get(node);
  if (parent?.type !== 'CallExpression' || parent.arguments.length !== 1 || parent.arguments[0] !== node) return undefined;
  const callee = parent.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'push') return undefined;
  return callee.object.type === 'Identifier' ? callee.object.name : undefined;
}

/** `node` is what a `.map` callback returns: the variable the mapped list is assigned to (through outer `.map`s). */
function mapResult(node: Node, parents: ParentLinks, nested: boolean): { name: string; nested: boolean } | undefined {
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
