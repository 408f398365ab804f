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

/**
 * Static types to check an expression with: struct types by name (each field a CEL type name) and the
 * variables' types (`string`, `list<int>`, `map<string, dyn>`, a struct's name). A variable not declared is `dyn`.
 */
export interface CelDeclarations {
  readonly structs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly variables: Readonly<Record<string, string>>;
}

export interface CelEngine {
  /** Parses and checks once. Throws {@link CelCompileError} for syntax errors and unknown identifiers. */
  compile(source: string, options?: CompileOptions): CelProgram;
  /**
   * Evaluates with CEL-native variable values (see `convert.ts`: ints are `bigint`). Never throws for
   * evaluation problems; they come back classified.
   */
  evaluate(program: CelProgram, variables: Readonly<Record<string, unknown>>): EvalResult;
  /**
   * The static type of `source` checked with `declarations` (KRO checks an RGD with the instance's schema),
   * e.g. `string` for `schema.spec.name`; `undefined` when it does not check with them. Checking only: programs
   * are compiled and evaluated with `dyn` variables.
   */
  resultType(source: string, declarations: CelDeclarations, variables: readonly string[]): string | undefined;
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
