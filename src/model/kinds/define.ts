import { defineFactory, type Enhanced, type FactoryOptions, type KindInfo } from '../factory.js';
import type { Input } from '../types.js';

/**
 * A low-level factory: the manifest as the Kubernetes API defines it, with `apiVersion`/`kind` filled in.
 *
 * @example
 * import type { V1ConfigMap } from '@kubernetes/client-node';
 * import { configMap, type KindFactory } from 'typekro';
 * const factory: KindFactory<V1ConfigMap> = configMap;
 * typeof factory; // => 'function'
 */
export type KindFactory<M> = (manifest: Input<Omit<M, 'apiVersion' | 'kind' | 'status'>> & FactoryOptions) => Enhanced<M>;

export function kindFactory<M>(info: KindInfo, exportName?: string): KindFactory<M> {
  const name = exportName ?? info.kind.charAt(0).toLowerCase() + info.kind.slice(1);
  return defineFactory<Input<Omit<M, 'apiVersion' | 'kind' | 'status'>> & FactoryOptions, M>(
    name,
    info,
    (manifest) => ({ ...(manifest as Record<string, unknown>) }),
  );
}
