/** Custom resources: any kind, typed by the caller. */
import { defineFactory, type Enhanced, type FactoryOptions } from './factory.js';
import { requireFixed } from './run.js';

/**
 * What `customResource` takes: the object with its apiVersion, kind, metadata and spec.
 *
 * @example
 * import type { CustomResourceInput } from 'typekro';
 * const input: CustomResourceInput<{ size: number }> = { apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'cache' }, spec: { size: 2 } };
 * input.spec?.size; // => 2
 */
export interface CustomResourceInput<TSpec> extends FactoryOptions {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly spec?: TSpec;
  readonly [field: string]: unknown;
}

/**
 * A resource of any kind (CRDs included).
 *
 * @example
 * import { type } from 'arktype';
 * import { customResource, kubernetesComposition } from 'typekro';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ size: 'number.integer' }), status: type({ phase: 'string' }) },
 *   (spec) => {
 *     const cache = customResource<{ size: number }, { phase: string }>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'c' }, spec: { size: spec.size } });
 *     return { phase: cache.status.phase };
 *   },
 * );
 * app.toYaml();
 */
export function customResource<TSpec = Record<string, unknown>, TStatus = Record<string, unknown>>(
  manifest: CustomResourceInput<TSpec>,
): Enhanced<TSpec, TStatus> {
  for (const field of ['apiVersion', 'kind'] as const) {
    const hint = 'write it as a literal; for a kind chosen by the spec, make one customResource call per kind under `if (...) ... else ...`';
    requireFixed({ what: `a custom resource's ${field}`, position: 0, path: [field], hint });
  }
  const factory = defineFactory<CustomResourceInput<TSpec>, { metadata: CustomResourceInput<TSpec>['metadata']; spec: TSpec; status: TStatus }>(
    'customResource',
    { apiVersion: manifest.apiVersion, kind: manifest.kind },
    ({ apiVersion: _a, kind: _k, ...rest }) => rest,
  );
  return factory(manifest) as never;
}

/**
 * The original TypeKro's name for {@link customResource}: `createResource<Spec, Status>({ apiVersion, kind, metadata, spec })`.
 *
 * @example
 * import { type } from 'arktype';
 * import { createResource, kubernetesComposition } from 'typekro';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ size: 'number.integer' }), status: type({ phase: 'string' }) },
 *   (spec) => {
 *     const cache = createResource<{ size: number }, { phase: string }>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'c' }, spec: { size: spec.size } });
 *     return { phase: cache.status.phase };
 *   },
 * );
 * app.graph.resources[0]?.kind; // => 'Cache'
 */
export const createResource = customResource;
