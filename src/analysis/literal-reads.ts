/**
 * Reads the compiler can answer from the source alone: a member of a local object or array literal, the
 * literal a name or a local function call stands for, the expression a local function returns.
 */
import type { Node } from '@babel/types';
import { unwrap } from './ast.js';
import { bindParams, functionScope } from './local-scope.js';
import { namedBinding, type FunctionLike, type Scope } from './scope.js';

/**
 * The expression a member read stands for when its object is a local object or array literal (through
 * aliases): `options.image` with `const options = { image: x }` is `x`, and a key the literal lacks is
 * `undefined`. Undefined when the literal does not decide it (spreads or computed keys after the property).
 */
export function staticProperty(node: Node, scope: Scope): { node: Node; scope: Scope } | undefined {
  const read = unwrap(node);
  if (read.type !== 'MemberExpression' || read.optional) return undefined;
  const key = !read.computed && read.property.type === 'Identifier' ? read.property.name : read.property.type === 'StringLiteral' ? read.property.value : read.property.type === 'NumericLiteral' ? read.property.value : undefined;
  if (key === undefined) return undefined;
  const target = literalOf(read.object, scope);
  if (!target) return undefined;
  if (target.node.type === 'ArrayExpression') {
    const element = typeof key === 'number' ? target.node.elements[key] : undefined;
    const simple = target.node.elements.every((e) => e && e.type !== 'SpreadElement');
    return simple && element ? { node: element, scope: target.scope } : undefined;
  }
  if (target.node.type !== 'ObjectExpression') return undefined;
  for (let i = target.node.properties.length - 1; i >= 0; i--) {
    const property = target.node.properties[i]!;
    if (property.type !== 'ObjectProperty' || property.computed) return undefined;
    const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
    if (name === String(key)) return { node: property.value, scope: target.scope };
  }
  // Every property is plain and none is `key`: JavaScript reads `undefined` (unless the prototype has it).
  if (String(key) in Object.prototype) return undefined;
  return { node: { type: 'Identifier', name: 'undefined', loc: read.loc, start: read.start, end: read.end } as Node, scope };
}

/**
 * The expression a local function returns, for inlining a call: an expression body, or a body of `const`
 * declarations (bound by the function's scope) and one final `return`; undefined for anything else.
 */
export function returnedExpression(fn: FunctionLike): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  const simple = statements.slice(0, -1).every((statement) => statement.type === 'VariableDeclaration' && statement.kind === 'const');
  return simple && last?.type === 'ReturnStatement' && last.argument ? last.argument : undefined;
}

/**
 * The object or array literal `node` stands for, through local names, static member reads and calls of
 * local functions that return one expression.
 */
export function literalOf(node: Node, scope: Scope): { node: Node; scope: Scope } | undefined {
  const value = unwrap(node);
  if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression') return { node: value, scope };
  const callee = value.type === 'CallExpression' ? namedBinding(unwrap(value.callee), scope) : undefined;
  if (callee && value.type === 'CallExpression') {
    const binding = callee.binding;
    const body = binding?.kind === 'function' ? returnedExpression(binding.fn) : undefined;
    if (!body || binding?.kind !== 'function') return undefined;
    const args = value.arguments.map((arg) => arg as Node);
    return literalOf(body, functionScope(binding.fn, binding.scope, () => false, bindParams(binding.fn, args, scope, binding.scope)));
  }
  if (value.type === 'Identifier') {
    const binding = scope.lookup(value.name);
    return binding?.kind === 'alias' ? literalOf(binding.node, binding.scope) : undefined;
  }
  const property = staticProperty(value, scope);
  return property ? literalOf(property.node, property.scope) : undefined;
}
