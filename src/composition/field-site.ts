/**
 * Where a field of a factory call's options is written, for messages about a value that lands there: the call
 * is known (its place), the field by its path, and when the options are an object literal written in the call
 * the field's own place is more useful than the call's (trial 17: a float interpolated into `data.ratio` was
 * reported at `ConfigMap(`).
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { findCallAt, locationOf } from '../analysis/source.js';
import type { SourceLocation } from '../ir/graph.js';

/**
 * The place of the value at `path` in the options literal of the call at `at`, or undefined when the options
 * are not written there as literals down to it (a variable, a spread, a helper's parameter).
 *
 * @example
 * ```ts
 * // app.ts:26:16: ConfigMap({ name, data: { ratio: `${spec.ratio}` } })
 * fieldLocation({ file: 'app.ts', line: 26, column: 16 }, ['data', 'ratio']); // the template literal's place
 * ```
 */
export function fieldLocation(at: SourceLocation, path: readonly string[]): SourceLocation | undefined {
  const call = findCallAt(at.file, at.line, at.column);
  const first = call?.arguments[0];
  let node: Node | undefined = first && first.type !== 'SpreadElement' && first.type !== 'ArgumentPlaceholder' ? unwrap(first) : undefined;
  for (const key of path) {
    if (node?.type !== 'ObjectExpression') return undefined;
    // The last property written under the key is JavaScript's; a spread after it may replace it, so none is named then.
    let found: Node | undefined;
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') found = undefined;
      else if (property.type === 'ObjectProperty' && !property.computed && keyName(property.key) === key) found = property.value;
    }
    node = found && unwrap(found);
  }
  return node && path.length > 0 ? locationOf(node) : undefined;
}

function keyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return key.type === 'StringLiteral' ? key.value : undefined;
}
