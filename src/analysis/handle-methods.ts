/**
 * The handle methods a composition calls on a resource in its source: `withIncludeWhen`, `withReadyWhen` and
 * `dependsOn`, each of which returns its handle. They apply to the resource when chained on the call that
 * makes it (`F(...).withReadyWhen(...)`, through TypeScript assertions) or called on the `const` that call is
 * bound to (`const w = F(...); w.withIncludeWhen(...)`, also chained). One answer to the questions asked of
 * them: the conditions chained onto a call (composition.ts), the calls that apply to a resource JavaScript
 * skipped (skipped-methods.ts), and the resource a call applies to, whose guards it is compared with
 * (aspect-conditions.ts).
 */
import type { CallExpression, Node, OptionalCallExpression, VariableDeclarator } from '@babel/types';
import { isFunctionNode, patternNames, unwrap } from './ast.js';
import { factoryCallsIn, parentIn, parentsOf, type FunctionNode, type ParentLinks } from './function-facts.js';

/** The handle methods that put a condition on their resource (an includeWhen, a readyWhen). */
export const CONDITION_METHODS: ReadonlySet<string> = new Set(['withIncludeWhen', 'withReadyWhen']);

const HANDLE_METHODS: ReadonlySet<string> = new Set([...CONDITION_METHODS, 'dependsOn']);

/** A call of a handle method: `receiver.name(...)`. */
export interface HandleMethodCall {
  readonly call: CallExpression | OptionalCallExpression;
  readonly name: string;
  /** What it is called on: the call that made the resource, an earlier handle method, or a name. */
  readonly receiver: Node;
  /** Chained on the call that made the resource, rather than called on the name it is bound to. */
  readonly chained: boolean;
}

/** `node` as a handle-method call (`chained` not yet known: false). */
export function handleMethodCall(node: Node): HandleMethodCall | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return undefined;
  const callee = node.callee;
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return undefined;
  return HANDLE_METHODS.has(callee.property.name) ? { call: node, name: callee.property.name, receiver: callee.object, chained: false } : undefined;
}

/**
 * The handle-method calls chained on `call` (`F(...).withReadyWhen(...).withIncludeWhen(...)`), innermost
 * first, and the node standing for the chain's value (what a `const` would be bound to).
 */
function chainAbove(call: Node, parents: ParentLinks): { methods: HandleMethodCall[]; top: Node } {
  const methods: HandleMethodCall[] = [];
  let top = call;
  for (let parent = parents.get(top); parent; parent = parents.get(top)) {
    if (unwrap(parent) !== parent && (parent as { expression?: Node }).expression === top) {
      top = parent;
      continue;
    }
    const chained = (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === top ? parents.get(parent) : undefined;
    const method = chained && (chained as { callee?: Node }).callee === parent ? handleMethodCall(chained) : undefined;
    if (!method) break;
    methods.push({ ...method, chained: true });
    top = method.call;
  }
  return { methods, top };
}

/**
 * The conditions chained onto `call` (`F(...).withIncludeWhen(spec.tls)`, also an argument-less arrow
 * `() => spec.tls`): the object exists only where they hold, as under an enclosing `if`.
 */
export function chainedConditions(fn: FunctionNode, call: Node): Node[] {
  const found: Node[] = [];
  for (const method of chainAbove(call, parentsOf(fn)).methods) {
    if (method.name !== 'withIncludeWhen') continue;
    const [argument] = method.call.arguments;
    const test = argument && (argument.type === 'ArrowFunctionExpression' && argument.params.length === 0 && argument.body.type !== 'BlockStatement' ? argument.body : argument);
    if (test && !isFunctionNode(test) && test.type !== 'SpreadElement') found.push(test);
  }
  return found;
}

/**
 * The handle-method calls that apply to the resource `call` makes: those chained on it, then those on the
 * `const` it is bound to, in the order they run.
 */
export function methodCallsOn(fn: FunctionNode, call: Node): HandleMethodCall[] {
  const { methods, top } = chainAbove(call, parentsOf(fn));
  const declarator = parentIn(fn, top);
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== top || declarator.id.type !== 'Identifier') return methods;
  const named = factoryCallsIn(fn)
    .map(handleMethodCall)
    .filter((method): method is HandleMethodCall => method !== undefined && originOf(fn, method) === declarator)
    .sort((a, b) => (a.call.end ?? 0) - (b.call.end ?? 0));
  return [...methods, ...named];
}

/**
 * The resource a handle-method call applies to, as the node whose guards are the resource's: the call (or
 * other expression) at the start of its chain, or the declaration of the name it is called on (none for a
 * parameter or a name declared outside `fn`).
 */
export function originOf(fn: FunctionNode, method: HandleMethodCall): Node | undefined {
  return handleOrigin(fn, method.receiver);
}

/** {@link originOf} for a value that is a handle (`web`, `Deployment(...).withReadyWhen(...)`, `web!`). */
export function handleOrigin(fn: FunctionNode, value: Node): Node | undefined {
  const node = handleBase(value);
  return node.type === 'Identifier' ? declarationOf(fn, node) : node;
}

/** The start of a chain of handle methods, through TypeScript wrappers: a call, a name, or another expression. */
export function handleBase(value: Node): Node {
  let node = unwrap(value);
  for (let inner = handleMethodCall(node); inner; inner = handleMethodCall(node)) node = unwrap(inner.receiver);
  return node;
}

/**
 * The nearest `const`/`let` declaring `use`'s name before it, in a block around it, also through a destructuring
 * pattern (`const { deploy } = webPair(name)`): where a helper's returned name gets its value (composition/inline-calls.ts).
 */
export function declaratorOf(fn: FunctionNode, use: Node & { name: string }): VariableDeclarator | undefined {
  return declarationOf(fn, use, true);
}

/** The nearest `const`/`let` declaring `name` before its use, in a block around the use (parameters and outer names: none). */
function declarationOf(fn: FunctionNode, use: Node & { name: string }, patterns = false): VariableDeclarator | undefined {
  for (let child: Node = use, parent = parentIn(fn, use); parent; child = parent, parent = parentIn(fn, parent)) {
    // A parameter of a function around the use (a helper written in the composition) hides outer names.
    if (isFunctionNode(parent) && parent.params.some((param) => param.type === 'Identifier' && param.name === use.name)) return undefined;
    const statements = parent.type === 'BlockStatement' || parent.type === 'Program' ? parent.body : undefined;
    if (!statements) continue;
    const before = statements.slice(0, statements.indexOf(child as never));
    for (const statement of before.reverse()) {
      if (statement.type !== 'VariableDeclaration') continue;
      const declarator = statement.declarations.find((each) => (each.id.type === 'Identifier' ? each.id.name === use.name : patterns && patternNames(each.id).includes(use.name)));
      if (declarator) return declarator;
    }
  }
  return undefined;
}
