/**
 * What a write is, read from one node: `x = v`, `x++`, `x.f = v`, `delete x.f`, `x.push(v)`,
 * `Object.assign(x, v)`, a destructuring assignment, a local passed to a call that may change it
 * (call-writes.ts). Recorded against the root name written, by the declarations walk (declarations.ts).
 */
import type { CallExpression, Identifier, Node } from '@babel/types';
import { unwrap } from './ast.js';
import { callArgumentWrites } from './call-writes.js';
import type { Write } from './scope.js';

const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add']);

/** Records `x = v`, `x++`, `x.f = v`, `delete x.f`, `x.push(v)`, `Object.assign(x, v)` against `x`. */
export function recordWrite(node: Node, guards: readonly Node[], writes: Map<string, Write[]>): void {
  // Called for every node of a function: no closure per node (tsx names each one it creates).
  if (node.type === 'AssignmentExpression') addWrite(writes, node, guards, node.left, node.right);
  else if (node.type === 'UpdateExpression') addWrite(writes, node, guards, node.argument, undefined);
  else if (node.type === 'UnaryExpression' && node.operator === 'delete') addWrite(writes, node, guards, node.argument, undefined);
  else if (node.type === 'CallExpression') {
    const callee = unwrap(node.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return recordCallArgumentWrites(node, guards, writes);
    const method = callee.property.name;
    const object = unwrap(callee.object);
    if (object.type === 'Identifier' && object.name === 'Object' && method === 'assign' && node.arguments[0]) {
      node.arguments.slice(1).forEach((arg) => addWrite(writes, node, guards, node.arguments[0] as Node, arg as Node));
    } else if (MUTATING_METHODS.has(method) && !(object.type === 'Identifier' && object.name === 'Reflect')) {
      // (`Reflect.set(o, ...)` writes `o`, not `Reflect`: call-writes.ts.)
      if (node.arguments.length === 0) addWrite(writes, node, guards, callee.object, undefined);
      node.arguments.forEach((arg) => addWrite(writes, node, guards, callee.object, arg as Node));
    } else recordCallArgumentWrites(node, guards, writes);
  }
}

/** Writes through a call's arguments (call-writes.ts): a helper's, a built-in's (`Object.defineProperty`). */
function recordCallArgumentWrites(node: CallExpression, guards: readonly Node[], writes: Map<string, Write[]>): void {
  for (const { target, value, passedAs } of callArgumentWrites(node)) {
    const name = rootName(target);
    if (!name) continue;
    const list = writes.get(name) ?? [];
    list.push({ node, ...(value && { value }), guards, ...(passedAs !== undefined && { passedAs }) });
    writes.set(name, list);
  }
}

function addWrite(writes: Map<string, Write[]>, node: Node, guards: readonly Node[], target: Node, value: Node | undefined): void {
  if (isPattern(target)) {
    addPatternWrites(writes, node, guards, target, value);
    return;
  }
  const name = rootName(target);
  if (!name) return;
  const list = writes.get(name) ?? [];
  list.push({ node, ...(value && { value }), guards });
  writes.set(name, list);
}

function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern' || node.type === 'AssignmentPattern' || node.type === 'RestElement';
}

/** `[a, b = d] = value`, `({ s } = spec)`: every target of the pattern is written from `value` (or its default). */
function addPatternWrites(writes: Map<string, Write[]>, node: Node, guards: readonly Node[], pattern: Node, value: Node | undefined): void {
  switch (pattern.type) {
    case 'ObjectPattern':
      for (const property of pattern.properties) addWrite(writes, node, guards, property.type === 'RestElement' ? property : property.value as Node, value);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) addWrite(writes, node, guards, element, value);
      return;
    case 'AssignmentPattern':
      addWrite(writes, node, guards, pattern.left, value);
      addWrite(writes, node, guards, pattern.left, pattern.right);
      return;
    case 'RestElement':
      addWrite(writes, node, guards, pattern.argument, value);
      return;
  }
}

/** `x` of `x`, `x.a.b`, `x[i]`. */
export function rootName(target: Node): string | undefined {
  let node = unwrap(target);
  while (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') node = unwrap(node.object);
  return node.type === 'Identifier' ? (node as Identifier).name : undefined;
}
