/**
 * References to objects TypeKro does not create (KRO `externalRef`). They are read, never applied or
 * deleted, and other resources may reference their fields.
 */
import { registerExternal, type Enhanced } from './factory.js';

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
export function externalRef<TManifest = Record<string, unknown>>(config: ExternalRefConfig): Enhanced<TManifest> {
  const { apiVersion, kind, metadata } = config;
  const modelName = apiVersion === 'v1' || !apiVersion.includes('.') ? `V1${kind}` : undefined;
  return registerExternal<TManifest>(
    { apiVersion, kind, ...(modelName ? { modelName } : {}) },
    { apiVersion, kind, name: metadata.name, ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}) },
    config.id,
  );
}
