import { join } from 'node:path';
import type { ClusterBinaries } from './binaries.js';
import { FLUX_HELM_MODULE, FLUX_SOURCE_MODULE } from './build-plan.js';
import { FLUX_NAMESPACE } from './flux-args.js';
import { moduleDir } from './go.js';
import { request, type AdminClient } from './http.js';
import { crdsIn, type KubeObject } from './upstream.js';

export { FLUX_NAMESPACE, fluxStoragePath } from './flux-args.js';

/**
 * What a cluster started with Flux offers on top of the control plane (see {@link LocalCluster.flux}).
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { startLocalCluster } from 'typekro/testing';
 * const cluster = await startLocalCluster(); // Flux is on by default
 * try {
 *   cluster.flux?.namespace; // => 'flux-system'
 *   console.log(cluster.flux?.storageUrl); // http://127.0.0.1:40123
 * } finally {
 *   await cluster.stop();
 * }
 * ```
 */
export interface LocalFlux {
  /** `flux-system`: the controllers' RUNTIME_NAMESPACE. */
  readonly namespace: string;
  /** source-controller's artifact server, `http://127.0.0.1:<port>` (artifact URLs in source statuses point here). */
  readonly storageUrl: string;
  /** Upstream versions of the two controllers. */
  readonly versions: { readonly sourceController: string; readonly helmController: string };
}

/**
 * The CRDs of both controllers, read from `config/crd/bases/` of their modules in the Go module cache (downloaded if
 * needed; the repository never carries copies).
 */
export async function fluxCrds(bins: ClusterBinaries): Promise<KubeObject[]> {
  const dirs = await Promise.all([
    moduleDir(bins.wrappers.fluxSource, FLUX_SOURCE_MODULE, bins.versions.fluxSource),
    moduleDir(bins.wrappers.fluxHelm, FLUX_HELM_MODULE, bins.versions.fluxHelm),
  ]);
  return dirs.flatMap((moduleRoot) => crdsIn(join(moduleRoot, 'config', 'crd', 'bases')));
}

export async function createFluxNamespace(admin: AdminClient): Promise<void> {
  await admin.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: FLUX_NAMESPACE } });
}

/** controller-runtime's probes: `/readyz` passes once the manager has started (caches synced). */
export async function fluxHealthy(port: number): Promise<boolean> {
  const [health, ready] = await Promise.all(['healthz', 'readyz'].map((p) => request(`http://127.0.0.1:${port}/${p}`)));
  return health?.status === 200 && ready?.status === 200;
}

export function localFlux(bins: ClusterBinaries, storagePort: number): LocalFlux {
  return {
    namespace: FLUX_NAMESPACE,
    storageUrl: `http://127.0.0.1:${storagePort}`,
    versions: { sourceController: bins.versions.fluxSource, helmController: bins.versions.fluxHelm },
  };
}
