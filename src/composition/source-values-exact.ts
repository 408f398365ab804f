/**
 * Which values JavaScript computed exactly on placeholders: reads of references and templates of them are
 * carried, never tested, so the value JavaScript built is their meaning; anything else is compiled from source.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { staticProperty } from '../analysis/literal-reads.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { Scope } from '../analysis/scope.js';
import { isFactoryName } from '../model/factory.js';

/**
 * Reads of references, and templates of them, are exact in JavaScript (references and their markers): the
 * placeholders are carried, never tested. `.length` is JavaScript's own and needs the compiler (size()).
 */
export function isExactRead(node: Node, scope: Scope): boolean {
  const source = unwrap(node);
  switch (source.type) {
    case 'Identifier': {
      const binding = scope.lookup(source.name, source);
      if (binding?.kind === 'value') return binding.fromSource !== true;
      if (binding?.kind === 'resources' || (binding?.kind === 'opaque' && binding.holdsReferences)) return true;
      // Declared twice in one scope (`var` in two loop bodies): JavaScript's value came from one of them, exact if each would be.
      if (binding?.kind === 'opaque' && binding.declarations) return binding.declarations.every((init) => isExactRead(init, binding.scope));
      if (binding?.kind === 'alias') return isExactRead(binding.node, binding.scope);
      return !mentionsReferences(source, scope);
    }
    case 'MemberExpression': {
      const property = staticProperty(source, scope);
      if (property) return isExactRead(property.node, property.scope);
      // `.length` and `['length']` are JavaScript's own (size()); an inherited name is the compiler's to refuse.
      const name = !source.computed && source.property.type === 'Identifier' ? source.property.name : source.property.type === 'StringLiteral' ? source.property.value : undefined;
      if (name !== undefined && (name === 'length' || name in Object.prototype)) return false;
      // An index is the source's to judge: of a string it is refused (CEL has no string index), of a list it
      // may be out of bounds (JavaScript: undefined).
      if (source.computed && source.property.type !== 'StringLiteral') return false;
      return isExactRead(source.object, scope);
    }
    case 'TemplateLiteral':
      return source.expressions.every((part) => isExactRead(part, scope));
    case 'CallExpression':
      // A factory or nested composition call gives a handle (its argument was resolved when it ran).
      return isHandleCall(source, scope);
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return true;
    default:
      return false;
  }
}

// `Cel.cond` is not here: its test has JavaScript truthiness (an optional string is tested with has() and != ""), which only the source gives.
const RAW_CEL = new Set(['expr', 'join', 'template', 'has']);

/**
 * True when an expression value JavaScript built is the expression's meaning: a `Cel` call whose arguments
 * are exact reads or free of references, not one over operators JavaScript ran on placeholders
 * (`Cel.cond(spec.n > 2, ...)`), which the source decides.
 */
export function isBuiltExact(raw: Node, scope: Scope): boolean {
  const node = unwrap(raw);
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.object.type !== 'Identifier') return false;
  if (scope.lookup(node.callee.object.name)?.kind !== 'cel') return false;
  // The functions with a JavaScript meaning (Cel.max, Cel.default, ...) are always compiled from source.
  if (node.callee.property.type !== 'Identifier' || !RAW_CEL.has(node.callee.property.name)) return false;
  // `Cel.template` with a literal format is compiled: a double argument is refused there (the concrete run prints
  // it as JavaScript does, CEL as Go), which needs the argument's type. A format built at run time is JavaScript's.
  if (node.callee.property.name === 'template' && unwrap(node.arguments[0] as Node)?.type === 'StringLiteral') return false;
  return node.arguments.every((arg) => isExactRead(arg as Node, scope) || !mentionsReferences(arg as Node, scope));
}

function isHandleCall(call: Node & { type: 'CallExpression' }, scope: Scope): boolean {
  const callee = unwrap(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (name !== undefined && isFactoryName(name)) return true;
  if (callee.type !== 'Identifier') return false;
  const binding = scope.lookup(callee.name, callee);
  return binding?.kind === 'opaque' && binding.holdsReferences === true;
}
