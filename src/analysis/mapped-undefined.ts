/**
 * The refusal of a mapped value written with TypeScript's `!` (`cms.map((c) => c.data!.x!)`): the `!` is
 * erased, so JavaScript reads the observed object as it is and its list holds `undefined` where the object
 * lacks the field. The usual hint (`(c.data!.x!) ?? ''`) reads as if the `!` were wrong for another reason;
 * this one says why it is not enough and rewrites the read with `?.` (list-methods.ts, unrolled-lists.ts).
 */
import type { Node } from '@babel/types';
import { walk } from './ast.js';
import { syntaxError } from './errors.js';
import { expressionText } from './synthesized.js';

/** The refusal when `node` asserts with `!`; undefined otherwise (the caller's own refusal applies). */
export function assertedMappedValue(node: Node, fallback: string): Error | undefined {
  let asserted = false;
  walk(node, (inner) => {
    if (inner.type === 'TSNonNullExpression') asserted = true;
  });
  if (!asserted) return undefined;
  const text = expressionText(node);
  return syntaxError(
    node,
    `a mapped value that may be undefined: \`!\` only tells TypeScript that \`${text}\` is set; JavaScript reads it from the object observed in the cluster, which may not have it, and its list then holds \`undefined\`, which a CEL list cannot hold`,
    `read it with \`?.\` and give the value the list should hold where it is missing: \`${optionalRead(text)} ?? ${fallback}\``,
  );
}

/** `c.data!.x!` as `c.data?.x`: each postfix `!` before a member becomes `?.`, a final one goes. */
function optionalRead(text: string): string {
  return text
    .replace(/(?<=[\w$)\]])!(?=\.)/g, '?')
    .replace(/(?<=[\w$)\]])!(?=\[)/g, '?.')
    .replace(/(?<=[\w$)\]])!$/, '');
}
