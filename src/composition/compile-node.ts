/**
 * The bridge from the composition layer to the JavaScript-to-CEL compiler.
 */
import type { Node } from '@babel/types';
import { unwrap, walk } from '../analysis/ast.js';
import { compileCondition, compileExpression } from '../analysis/compile-expression.js';
import type { Binding, Scope } from '../analysis/scope.js';
import type { Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';

export function compileValueNode(node: Node, scope: Scope): { expr: Expr; type: CelType } {
  const compiled = compileExpression(node, scope);
  return { expr: compiled.expr, type: compiled.type };
}

export function compileConditionNode(node: Node, scope: Scope): Expr {
  return compileCondition(node, scope);
}

/** True when the expression reads a name the compiler binds (the spec, a resource, a loop item). */
export function mentionsBindings(node: Node, scope: Scope): boolean {
  return mentions(node, scope, (binding) => binding.kind !== 'constant');
}

/**
 * True when an expression value JavaScript built is the expression's meaning: a call's own result
 * (`Cel.expr(ref, ' > 0')`, a helper returning one) unless it is a `Cel` call over operators; not when
 * JavaScript picked it with an operator over references (`spec.flag ? Cel.expr(...) : 'no'`).
 */
export function isBuiltExact(raw: Node, scope: Scope): boolean {
  const node = unwrap(raw);
  if (node.type === 'CallExpression') return !isCelCallOverOperators(node, scope);
  return isPlainRead(node) || !mentionsBindings(node, scope);
}

/**
 * True for `Cel.x(...)` with an argument JavaScript evaluated on placeholders (`Cel.cond(spec.n > 2, ...)`):
 * the value the call built at run time is wrong, the source decides. Calls over plain reads and literals
 * built the same value at run time, so they are kept (their parts may be helpers the compiler cannot read).
 */
export function isCelCallOverOperators(raw: Node, scope: Scope): boolean {
  const node = unwrap(raw);
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.object.type !== 'Identifier') return false;
  if (scope.lookup(node.callee.object.name)?.kind !== 'cel') return false;
  return node.arguments.some((arg) => !isPlainRead(arg) && mentionsBindings(arg, scope));
}

/**
 * True when the expression reads a name whose JavaScript value is not its meaning (a KRO collection, a
 * local computed by a method call), so even a plain read (`pods[0].metadata.name`, `parts[0]`) must be
 * compiled from source.
 */
export function readsFromSource(node: Node, scope: Scope): boolean {
  return mentions(node, scope, (binding) => binding.kind === 'value' && binding.fromSource === true);
}

function mentions(node: Node, scope: Scope, test: (binding: Binding) => boolean): boolean {
  let found = false;
  walk(node, (child, parent) => {
    if (found) return false;
    if (child.type !== 'Identifier') return true;
    const isPropertyName =
      (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === child && !parent.computed;
    const isObjectKey = parent?.type === 'ObjectProperty' && parent.key === child && !parent.computed;
    const binding = isPropertyName || isObjectKey ? undefined : scope.lookup(child.name);
    if (binding && test(binding)) found = true;
    return true;
  });
  return found;
}

/**
 * Reads and simple templates are exact at run time (references and markers); anything with an operator
 * or a call was evaluated by JavaScript on placeholders, so the source decides.
 */
export function isPlainRead(node: Node): boolean {
  if (node.type === 'Identifier') return true;
  if (node.type === 'MemberExpression') {
    // `.length` is JavaScript's, not a field: it needs the compiler (size()).
    if (!node.computed && node.property.type === 'Identifier' && node.property.name === 'length') return false;
    return !node.computed || node.property.type === 'NumericLiteral' ? isPlainRead(node.object) : false;
  }
  if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') return isPlainRead(node.expression);
  if (node.type === 'TemplateLiteral') return node.expressions.every((part) => isPlainRead(part));
  return node.type === 'StringLiteral' || node.type === 'NumericLiteral' || node.type === 'BooleanLiteral';
}
