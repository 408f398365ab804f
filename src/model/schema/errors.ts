import { TypeKroError } from '../../util/errors.js';

/**
 * A schema that KRO's SimpleSchema cannot express. `path` names the field (`spec.ports[].name`), the
 * message says what to write instead.
 *
 * @example
 * ```ts
 * try { arktypeToSchema(type({ x: 'string | null' }), { name: 'spec' }); }
 * catch (e) { if (e instanceof SchemaError) console.error(e.path); } // 'spec.x'
 * ```
 */
export class SchemaError extends TypeKroError {
  override name = 'SchemaError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}
