/**
 * References to objects TypeKro does not create (KRO `externalRef`). They are read, never applied or
 * deleted, and other resources may reference their fields.
 */
import { registerExternal, type Enhanced } from './factory.js';
import { TypeKroError } from '../util/errors.js';
import { currentRun, requireFixed } from './run.js';

/**
 * What `externalRef` takes: which existing object to read.
 *
 * @example
 * import type { ExternalRefConfig } from 'typekro';
 * const ref: ExternalRefConfig = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'platform' } };
 * ref.metadata.namespace; // => 'platform'
 */
export interface ExternalRefConfig {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly id?: string;
}

/**
 * An existing object, typed by the caller.
 *
 * @example
 * import { type } from 'arktype';
 * import type { V1ConfigMap } from '@kubernetes/client-node';
 * import { externalRef, kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ level: 'string' }) },
 *   (spec) => {
 *     const settings = externalRef<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'platform' } });
 *     Deployment({ name: spec.name, image: 'nginx', env: { LEVEL: settings.data.level ?? 'info' } });
 *     return { level: settings.data.level ?? 'info' };
 *   },
 * );
 * app.toYaml();
 */
export function externalRef<TManifest = Record<string, unknown>>(config: ExternalRefConfig): Enhanced<TManifest>;
/**
 * The original TypeKro's positional form: `externalRef<Spec, Status>(apiVersion, kind, name, namespace?)`
 * types the handle's `spec` and `status`.
 *
 * @example
 * import { type } from 'arktype';
 * import { externalRef, kubernetesComposition } from 'typekro';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ endpoint: 'string' }) },
 *   () => {
 *     const db = externalRef<{ size: string }, { endpoint: string }>('example.com/v1', 'Database', 'shared-db', 'platform');
 *     return { endpoint: db.status.endpoint };
 *   },
 * );
 * app.toYaml().includes('endpoint: ${db.status.endpoint}'); // => true
 */
export function externalRef<TSpec extends object = Record<string, unknown>, TStatus extends object = Record<string, unknown>>(
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
): Enhanced<TSpec, TStatus>;
export function externalRef(configOrApiVersion: ExternalRefConfig | string, kind?: string, name?: string, namespace?: string): Enhanced<unknown> {
  const hint = 'write it as a literal; to read one of two objects, make one externalRef per case under `if (...) ... else ...`';
  const positional = typeof configOrApiVersion === 'string';
  for (const [field, position] of [['apiVersion', 0], ['kind', 1], ['id', -1]] as const) {
    if (!positional || position >= 0) requireFixed({ what: `the ${field} of externalRef`, position: positional ? position : 0, ...(positional ? {} : { path: [field] }), hint });
  }
  const config = typeof configOrApiVersion === 'string'
    ? positionalConfig(configOrApiVersion, kind, name, namespace)
    : (currentRun()?.prepareArguments('externalRef', configOrApiVersion) ?? configOrApiVersion) as ExternalRefConfig;
  checkConfig(config);
  const { apiVersion, metadata } = config;
  const modelName = apiVersion === 'v1' || !apiVersion.includes('.') ? `V1${config.kind}` : undefined;
  return registerExternal(
    { apiVersion, kind: config.kind, ...(modelName ? { modelName } : {}) },
    { apiVersion, kind: config.kind, name: metadata.name, ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}) },
    config.id,
  );
}

/**
 * The positional form as a config. The name and namespace are compiled from source like any factory argument:
 * `spec.prod ? 'a' : 'b'` ran on a placeholder (always truthy), and its JavaScript result would be a constant.
 */
function positionalConfig(apiVersion: string, kind: string | undefined, name: string | undefined, namespace: string | undefined): ExternalRefConfig {
  const run = currentRun();
  const compiled = (value: string | undefined, position: number): string | undefined =>
    value === undefined || !run ? value : (run.prepareArguments('externalRef', value, position) as string);
  const ns = compiled(namespace, 3);
  return { apiVersion, kind: kind as string, metadata: { name: compiled(name, 2) as string, ...(ns !== undefined ? { namespace: ns } : {}) } };
}

function checkConfig(config: ExternalRefConfig): void {
  const problems = [
    typeof config.apiVersion !== 'string' || config.apiVersion === '' ? 'apiVersion (e.g. "v1" or "example.com/v1")' : undefined,
    typeof config.kind !== 'string' || config.kind === '' ? 'kind (e.g. "ConfigMap")' : undefined,
    config.metadata?.name === undefined || config.metadata.name === '' ? 'metadata.name (positional form: the third argument)' : undefined,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    throw new TypeKroError('DEFINITION_INVALID', `externalRef needs ${problems.join(', ')}: externalRef({ apiVersion, kind, metadata: { name, namespace? } }) or externalRef(apiVersion, kind, name, namespace?)`);
  }
}
