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
    /**
     * The innermost object key the problem lies under, as arktype wrote it (`'port?'` for an optional key),
     * so the definition can find it in the source; undefined for a problem of the whole schema.
     */
    readonly key?: string,
  ) {
    super('DEFINITION_INVALID', `${where === undefined ? '' : `${where}: `}${path}: ${problem}`);
  }

  /** The same error, located (`file:line:col`). */
  at(where: string): SchemaError {
    return new SchemaError(this.path, this.problem, where, this.key);
  }

  /** The same error under `key`, unless a key below it already holds it. */
  under(key: string): SchemaError {
    return this.key === undefined && this.where === undefined ? new SchemaError(this.path, this.problem, undefined, key) : this;
  }
}
