/**
 * Diagnostics for JavaScript the compiler cannot translate faithfully. Every message names the place
 * (`file:line:column`), the construct, why it is not supported, and the escape hatch.
 */
import type { Node } from '@babel/types';
import type { SourceLocation } from '../ir/graph.js';
import type { CelType } from '../ir/types.js';
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

/**
 * On a value of unknown type (an untyped status, `Record<string, unknown>`), `.length` and `[0]` mean a list's
 * or a string's size and element in JavaScript but a field named "length" or "0" of an object (and `.includes`,
 * `.slice`... differ between lists and strings); CEL must be told which, and nothing at definition says it.
 * An int-or-string field's type is known, an int or a string, and the message says so: converted to text it
 * is exact either way (`String(x)` is CEL's `string(x)`), and CEL's `type(x)` tells the two apart.
 */
export function unknownShape(node: Node, construct: string, type?: CelType): CompositionSyntaxError {
  if (type?.kind === 'dyn' && type.intOrString) {
    return intOrString(node, construct, "convert it to text first with String(value) (CEL's string(...), exact for both, e.g. String(value).length), or tell the two apart in CEL with Cel.expr<boolean>('type(', value, ') == int')");
  }
  return syntaxError(
    node,
    `${construct} on a value of unknown type cannot be compiled exactly: JavaScript gives it different meanings on a list, a string and an object, and no schema declares this value's type (TypeScript types, such as customResource<Spec, Status>'s type arguments, are not visible when the composition is compiled)`,
    "declare the type in a schema: a crdFactory({ ..., schema }) whose schema describes the status (`typekro import` writes one from the CRD), or a typed field; or write the CEL with Cel.expr(...), e.g. Cel.expr<number>('size(', value, ')')",
  );
}

/** `construct` on an int-or-string field: refused, with the way out that fits the construct. */
export function intOrString(node: Node, construct: string, hint: string): CompositionSyntaxError {
  return syntaxError(
    node,
    `${construct} on an int-or-string field (x-kubernetes-int-or-string: an int or a string, e.g. a port 8080 or "http", a count 1 or "25%") cannot be compiled exactly: JavaScript gives it a different meaning on a number and on a string`,
    hint,
  );
}
