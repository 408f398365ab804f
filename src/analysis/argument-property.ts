/** Reading a nested value out of an object-literal argument's syntax. */
import type { Node } from '@babel/types';
import { unwrap } from './ast.js';

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
