/**
 * The cluster options of a factory, checked for JavaScript callers (or a cast) that the types would have
 * refused: a string where a KubeConfig object is expected otherwise fails deep in the Kubernetes client
 * (`config.getCurrentCluster is not a function`), long after the call that passed it.
 */
import { TypeKroError } from '../util/errors.js';

/**
 * Refuses `kubeConfig` that is not a KubeConfig object, and `kubeconfig` or `context` that is not a string,
 * with a USAGE error naming the option. `kubeConfig: '/path'` says the path goes to `kubeconfig` (lower case).
 *
 * @example
 * checkClusterOptions('direct', { kubeconfig: '/home/me/.kube/config' }); // passes
 */
export function checkClusterOptions(mode: string, options: object): void {
  const given = options as Record<string, unknown>;
  const config = given.kubeConfig;
  if (config !== undefined && !isKubeConfig(config)) {
    const path = typeof config === 'string'
      ? `; to pass the path of a kubeconfig file, use kubeconfig (lower case): factory('${mode}', { kubeconfig: ${JSON.stringify(config)} })`
      : '';
    throw new TypeKroError('USAGE', `factory('${mode}', { kubeConfig }): kubeConfig takes a KubeConfig object (from @kubernetes/client-node), not ${describe(config)}${path}`);
  }
  for (const key of ['kubeconfig', 'context'] as const) {
    const value = given[key];
    if (value === undefined || typeof value === 'string') continue;
    const object = key === 'kubeconfig' && isKubeConfig(value) ? '; to pass a KubeConfig object, use kubeConfig (capital C)' : '';
    throw new TypeKroError('USAGE', `factory('${mode}', { ${key} }): ${key} takes a string (${key === 'kubeconfig' ? 'the path of a kubeconfig file' : 'a context name'}), not ${describe(value)}${object}`);
  }
}

/** A KubeConfig by its shape: a copy of @kubernetes/client-node other than TypeKro's would fail `instanceof`. */
function isKubeConfig(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { getCurrentCluster?: unknown }).getCurrentCluster === 'function';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return isKubeConfig(value) ? 'a KubeConfig' : 'an object without the methods of a KubeConfig';
  return `a ${typeof value}`;
}
