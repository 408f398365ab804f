import { TypeKroError } from '../../util/errors.js';

/**
 * A schema that KRO's SimpleSchema cannot express. `path` names the field (`spec.ports[].name`), the
 * message says what to write instead.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition, SchemaError } from 'typekro';
 * try {
 *   kubernetesComposition({ name: 'bad', kind: 'Bad', spec: type({ x: 'string | null' }), status: type({ ok: 'boolean' }) }, () => ({ ok: true }));
 * } catch (error) {
 *   if (!(error instanceof SchemaError)) throw error;
 *   error.path; // => 'spec.x'
 * }
 * ```
 */
export class SchemaError extends TypeKroError {
  override name = 'SchemaError';
  /** Stable classification, the same in every copy of TypeKro. */
  constructor(
    readonly path: string,
    readonly problem: string,
    /** Where the field is declared (`file:line:col`), when the definition could find it. */
    readonly where?: string,
  ) {
    super('DEFINITION_INVALID', `${where === undefined ? '' : `${where}: `}${path}: ${problem}`);
  }
}
