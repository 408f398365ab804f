/**
 * Diagnostics for JavaScript the compiler cannot translate faithfully. Every message names the place
 * (`file:line:column`), the construct, why it is not supported, and the escape hatch.
 */
import type { Node } from '@babel/types';
import type { SourceLocation } from '../ir/graph.js';
import { TypeKroError } from '../util/errors.js';
import { locationOf, snippetOf } from './source.js';

/**
 * A composition uses JavaScript that cannot be compiled to CEL with the same meaning.
 *
 * @example
 * import { CompositionSyntaxError } from 'typekro';
 * const error = new CompositionSyntaxError('app.ts:3:5: eval cannot run in CEL', { file: 'app.ts', line: 3, column: 5 }, 'eval(x)', 'use Cel.expr');
 * [error.code, error.hint]; // => ['DEFINITION_INVALID', 'use Cel.expr']
 */
export class CompositionSyntaxError extends TypeKroError {
  override readonly name = 'CompositionSyntaxError';
  /** Stable classification, the same in every copy of TypeKro. */

  constructor(
    message: string,
    /** Where the construct is, when known. */
    readonly location: SourceLocation | undefined,
    /** The offending source text. */
    readonly construct: string,
    /** What to do instead. */
    readonly hint: string,
  ) {
    super('DEFINITION_INVALID', message);
  }
}

/** Builds a `CompositionSyntaxError` for `node`: `file:line:column: why\n  construct\n  hint`. */
export function syntaxError(node: Node, why: string, hint: string): CompositionSyntaxError {
  const location = locationOf(node);
  const where = location ? `${location.file}:${location.line}:${location.column}: ` : '';
  const construct = snippetOf(node);
  const message = `${where}${why}\n    ${construct}\n  hint: ${hint}`;
  return new CompositionSyntaxError(message, location, construct, hint);
}

/** Escape hatches, phrased once so every diagnostic points the same way. */
export const HINT = {
  expr: 'write the CEL yourself with Cel.expr(...)',
  template: 'build the string with Cel.template(...) or Cel.expr(...)',
  includeWhen: 'move the condition to .withIncludeWhen(Cel.expr(...))',
} as const;
