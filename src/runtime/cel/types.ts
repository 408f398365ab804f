/**
 * The one CEL interface the runtime uses. Everything above it (planner, driver, test kit) sees compiled
 * programs and three-way results; the engine behind it can change without touching them.
 */
import { TypeKroError } from '../../util/errors.js';

/** A compiled expression, reusable across evaluations. Opaque outside the engine. */
export interface CelProgram {
  /** The CEL text it was compiled from (for messages). */
  readonly source: string;
}

/**
 * The outcome of one evaluation, classified the way KRO classifies it (`pkg/runtime/errors.go`):
 * `pending` is missing data that may appear later (retry), `error` is fatal for the node.
 */
export type EvalResult =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'pending'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string };

export interface CompileOptions {
  /**
   * The variables the expression may read. When given, any other identifier is a compile error (KRO:
   * `references unknown identifiers`); when absent, every identifier is accepted as `dyn`.
   */
  readonly variables?: readonly string[];
}

export interface CelEngine {
  /** Parses and checks once. Throws {@link CelCompileError} for syntax errors and unknown identifiers. */
  compile(source: string, options?: CompileOptions): CelProgram;
  /**
   * Evaluates with CEL-native variable values (see `convert.ts`: ints are `bigint`). Never throws for
   * evaluation problems; they come back classified.
   */
  evaluate(program: CelProgram, variables: Readonly<Record<string, unknown>>): EvalResult;
}

/** A CEL expression that cannot be compiled: a syntax error, an unknown identifier, a type error. */
export class CelCompileError extends TypeKroError {
  override readonly name = 'CelCompileError';
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super('DEFINITION_INVALID', `cannot compile CEL expression ${JSON.stringify(source)}: ${reason}`);
  }
}
