/**
 * A value of another kind than its field declares (F2): `data: { n: spec.n as unknown as string }`, a
 * literal `5 as unknown as string` passed to a nested composition's string field. The cast makes TypeScript
 * accept it, while JavaScript still sends the number: the API server refuses it in a manifest (in both modes,
 * only when they apply it), and a nested composition was compiled for the declared kind. So the definition
 * fails where the value is set, naming the field, both kinds and the way out.
 */
import { CompositionSyntaxError } from '../analysis/errors.js';
import { locationOf, snippetOf } from '../analysis/source.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import type { SourceLocation } from '../ir/graph.js';
import { kindName } from '../ir/kind-fit.js';
import type { CelType } from '../ir/types.js';
import { describeRef } from '../model/refs.js';
import { fieldPath, type DoubleSource } from './integer-fields.js';

/** The value as written: its source, the reference, its CEL as JavaScript, or a literal's JSON. */
export type KindSource = DoubleSource | { readonly literal: unknown };

/**
 * The definition error for `given` (a kind: `an integer`) set at `path` of `owner`, whose field declares
 * `expected`. `fallback` is where the value's call is when its own source is unknown (the factory call).
 */
export function kindConflictError(owner: string, path: readonly string[], value: KindSource, expected: CelType, given: string, fallback?: SourceLocation): CompositionSyntaxError {
  const node = 'literal' in value ? undefined : value.node;
  const location = (node && locationOf(node)) ?? fallback;
  const where = location ? `${location.file}:${location.line}:${location.column}: ` : '';
  const written = 'literal' in value ? JSON.stringify(value.literal) : node ? snippetOf(node) : value.ref ? describeRef(value.ref) : printAsJavaScript(value.expr);
  const declared = kindName(expected);
  const nested = owner.startsWith('nested composition');
  const why =
    `${owner}: the field ${fieldPath(path)} takes ${declared}, and is set to \`${written}\`, ${given} (a cast with \`as\` does not change the value): ` +
    (nested ? `the child was compiled for ${declared}, and would fail on the value or compute another` : 'JavaScript sends the value as it is, which the API server refuses there (in both modes, once they apply it)');
  const text = 'literal' in value ? `write the text itself (${JSON.stringify(String(value.literal))})` : `make it text where it is set (\`String(${written})\` or a template literal)`;
  const hint = expected.kind === 'string' ? text : `set ${declared} there`;
  return new CompositionSyntaxError(`${where}${why}\n    ${written}\n  hint: ${hint}`, location, written, hint);
}
