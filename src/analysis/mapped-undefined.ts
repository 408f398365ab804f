/**
 * The refusal of a mapped value written with TypeScript's `!` (`cms.map((c) => c.data!.x!)`): the `!` is
 * erased, so JavaScript reads the observed object as it is and its list holds `undefined` where the object
 * lacks the field. The usual hint (`(c.data!.x!) ?? ''`) reads as if the `!` were wrong for another reason;
 * this one says why it is not enough and rewrites the read with `?.` (list-methods.ts, unrolled-lists.ts).
 */
import type { Node } from '@babel/types';
import { syntaxError } from './errors.js';
import { expressionText } from './synthesized.js';

/**
 * The refusal when `node` is a read asserted with `!` (a member chain holding one); undefined otherwise, where
 * the caller's own refusal applies: in `c ? c.data!.x : undefined` the `undefined` is not the `!`'s (review 38).
 */
export function assertedMappedValue(node: Node, fallback: string): Error | undefined {
  if (!assertedChain(node)) return undefined;
  const text = expressionText(node);
  return syntaxError(
    node,
    `a mapped value that may be undefined: \`!\` only tells TypeScript that \`${text}\` is set; JavaScript reads it from the object observed in the cluster, which may not have it, and its list then holds \`undefined\`, which a CEL list cannot hold`,
    `read it with \`?.\` and give the value the list should hold where it is missing: \`${optionalRead(text)} ?? ${fallback}\``,
  );
}

/** Whether `node`, parentheses aside, is a member chain (`c.data!.x!`, `c.labels![k]`) with a `!` in it. */
function assertedChain(node: Node): boolean {
  let current = node;
  let asserted = false;
  for (;;) {
    if (current.type === 'ParenthesizedExpression') current = current.expression;
    else if (current.type === 'TSNonNullExpression') {
      asserted = true;
      current = current.expression;
    } else if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
    else return asserted;
  }
}

/** `c.data!.x!` as `c.data?.x`: each postfix `!` before a member becomes `?.`; one before `]` or at the end goes. */
function optionalRead(text: string): string {
  return text
    .replace(/(?<=[\w$)\]])!(?=\.)/g, '?')
    .replace(/(?<=[\w$)\]])!(?=\[)/g, '?.')
    .replace(/(?<=[\w$)\]])!(?=\]|$)/g, '');
}
