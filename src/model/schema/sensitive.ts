/**
 * The `sensitive` marker of a spec field. It lives in arktype's own metadata (`.configure({ sensitive: true })`,
 * serialised in `Type#json` as `meta.sensitive`), so the schema stays one arktype type with its static type
 * unchanged, and whichever copy of arktype the user has carries it to the schema IR.
 */
import { TypeKroError } from '../../util/errors.js';

/**
 * What `sensitive` needs of a schema: arktype's `configure` (every arktype `Type` has it).
 *
 * @example
 * import { type } from 'arktype';
 * import type { ConfigurableSchema } from 'typekro';
 * const password: ConfigurableSchema = type('string');
 * typeof password.configure; // => 'function'
 */
export interface ConfigurableSchema {
  // `never`: any `configure` signature is accepted, arktype's generic one included.
  configure(meta: never): unknown;
}

/**
 * Marks a spec field as secret: its value (every string in it, for an object or a list) is redacted from
 * every progress message, event, error and output of both modes, and `typekro deploy` never prints it.
 * Values that flow into a Secret's `data` or `stringData` are redacted without the marker; mark the ones that
 * do not (a token passed to a Deployment's environment). The field's type is unchanged.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, sensitive } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   {
 *     name: 'app',
 *     kind: 'App',
 *     spec: type({ image: 'string', apiToken: sensitive(type('string')) }),
 *     status: type({ ready: 'boolean' }),
 *   },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: spec.image, env: { API_TOKEN: spec.apiToken } });
 *     return { ready: web.status.readyReplicas > 0 };
 *   },
 * );
 * app.graph.spec.kind === 'struct' && app.graph.spec.fields['apiToken']?.markers.sensitive; // => true
 */
export function sensitive<T extends ConfigurableSchema>(schema: T): T {
  const configure = (schema as { configure?: unknown } | null)?.configure;
  if (typeof configure !== 'function') {
    throw new TypeKroError('DEFINITION_INVALID', `sensitive() takes an arktype type such as type('string'); got ${schema === null ? 'null' : typeof schema}`);
  }
  return (configure as (this: T, meta: { sensitive: true }) => T).call(schema, { sensitive: true });
}
