/**
 * `const { status: web } = child({...})`: the names a destructuring of a nested composition's handle binds,
 * each to the path of the handle it reads (`web` is `nested$child.status`), as `const c = child({...});
 * const web = c.status` binds them. Only plain property reads are bound: a default (`{ url = 'x' }`) or a
 * rest element means something else in JavaScript, and the name is left unbound (it is refused where read).
 */
import type { Node } from '@babel/types';
import type { Binding } from '../analysis/scope.js';
import { E, type Expr } from '../ir/expr.js';
import { fieldOf, type CelType } from '../ir/types.js';

export function nestedPatternBindings(pattern: Node, root: string, type: CelType): Record<string, Binding> {
  const bindings: Record<string, Binding> = {};
  bindPattern(pattern, E.ident(root), type, bindings);
  return bindings;
}

function bindPattern(pattern: Node, expr: Expr, type: CelType, into: Record<string, Binding>): void {
  if (pattern.type === 'Identifier') {
    into[pattern.name] = { kind: 'value', expr, type };
    return;
  }
  if (pattern.type !== 'ObjectPattern') return;
  for (const property of pattern.properties) {
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
    const field = key === undefined ? undefined : fieldOf(type, key);
    // An optional field may be undefined: reading below it would throw in JavaScript, so only a name takes it.
    if (key === undefined || !field || (field.optional && property.value.type !== 'Identifier')) continue;
    bindPattern(property.value, E.select(expr, key), field.type, into);
  }
}
