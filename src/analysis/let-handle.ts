/**
 * A resource handle given to a `let` by an `if` (trial 21 F4):
 *
 * `let svc; if (spec.expose) { svc = Service({...}); }`
 *
 * is the handle where `spec.expose` holds and `undefined` elsewhere, as `const svc = spec.expose ? Service({...}) :
 * undefined` is, and is bound the same way (the local names the resource, its reads are held to the test). Only
 * that plain shape: the `let` declared without a value in the block that holds the `if`, assigned once, the
 * assignment a statement of the `if`'s branch itself, and read only after the `if`. Anything else keeps the
 * general treatment of a `let` changed after its declaration.
 */
import type { IfStatement, Node } from '@babel/types';
import { isFunctionNode, walk } from './ast.js';
import type { ParentLinks } from './parent-links.js';

/** What such a `let` holds: its name and declarator, the test the handle exists under, and the `if`. */
export interface LetHandle {
  readonly name: string;
  readonly declaratorId: Node;
  readonly test: Node;
  /** The assignment is in the `else` branch: the handle exists where the test does not hold. */
  readonly negated: boolean;
  readonly statement: IfStatement;
}

/** The `let` the factory call's value (`top`, through `await` and assertions) is assigned to, in that shape. */
export function letAssignedHandle(fn: Node, top: Node, parents: ParentLinks): LetHandle | undefined {
  const assignment = parents.get(top);
  if (assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=' || assignment.right !== top || assignment.left.type !== 'Identifier') return undefined;
  const name = assignment.left.name;
  const statement = parents.get(assignment);
  if (statement?.type !== 'ExpressionStatement') return undefined;
  // `if (c) { svc = F(); }`, or without braces `if (c) svc = F();`.
  const around = parents.get(statement);
  const branch = around?.type === 'BlockStatement' ? around : statement;
  const conditional = parents.get(branch);
  if (conditional?.type !== 'IfStatement' || (conditional.consequent !== branch && conditional.alternate !== branch)) return undefined;
  const block = parents.get(conditional);
  if (block?.type !== 'BlockStatement') return undefined;
  const declaratorId = declaredBefore(block.body, conditional, name);
  if (!declaratorId || !onlyAssignedHereAndReadAfter(fn, name, assignment, declaratorId, conditional)) return undefined;
  return { name, declaratorId, test: conditional.test, negated: conditional.alternate === branch, statement: conditional };
}

/** The `let name;` (no value) among the statements before `statement` in its block. */
function declaredBefore(statements: readonly Node[], statement: Node, name: string): Node | undefined {
  for (const s of statements.slice(0, statements.indexOf(statement))) {
    if (s.type !== 'VariableDeclaration' || s.kind !== 'let') continue;
    const declarator = s.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === name);
    if (declarator) return declarator.init ? undefined : declarator.id;
  }
  return undefined;
}

/**
 * Every occurrence of `name` in `fn` is its declaration, this one assignment, or a use after the `if`; none
 * is in a nested function that declares the name again (a shadowing parameter or local makes this give up).
 */
function onlyAssignedHereAndReadAfter(fn: Node, name: string, assignment: Node, declaratorId: Node, statement: Node): boolean {
  let fits = true;
  walk(fn, (node, parent) => {
    if (!fits) return false;
    if (node.type !== 'Identifier' || node.name !== name || node === declaratorId) return true;
    if (parent && isProperty(node, parent)) return true;
    if (parent?.type === 'AssignmentExpression' && parent.left === node) fits = parent === assignment;
    else if (parent?.type === 'UpdateExpression' || (parent && isFunctionNode(parent)) || parent?.type === 'VariableDeclarator') fits = false;
    else fits = (node.start ?? 0) >= (statement.end ?? Infinity);
    return true;
  });
  return fits;
}

/** `x.name` and `{ name: ... }`: the identifier is a property's name, not the local. */
function isProperty(node: Node, parent: Node): boolean {
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return true;
  return (parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod') && parent.key === node && !parent.computed && !(parent.type === 'ObjectProperty' && parent.shorthand);
}

