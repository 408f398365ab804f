/**
 * Starting the optional controllers of a local cluster: cert-manager's CRDs and namespace, and both controllers'
 * probes (their flags are in optional-args.ts).
 */
import { join } from 'node:path';
import type { ClusterBinaries } from './binaries.js';
import { CERT_MANAGER_MODULE } from './build-plan.js';
import { moduleDir } from './go.js';
import { request, type AdminClient } from './http.js';
import { crdsIn, type KubeObject } from './upstream.js';
import { CERT_MANAGER_NAMESPACE } from './optional-args.js';

/** cert-manager's six CRDs, read from `deploy/crds/` of its module in the Go module cache (never copied here). */
export async function certManagerCrds(bins: ClusterBinaries): Promise<KubeObject[]> {
  return crdsIn(join(await moduleDir(bins.wrappers.certManager, CERT_MANAGER_MODULE, bins.versions.certManager), 'deploy', 'crds'));
}

export async function createCertManagerNamespace(admin: AdminClient): Promise<void> {
  await admin.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: CERT_MANAGER_NAMESPACE } });
}

/** Our cert-manager main answers /readyz once its informer caches synced. */
export async function certManagerReady(port: number): Promise<boolean> {
  return (await request(`http://127.0.0.1:${port}/readyz`))?.status === 200;
}

/** external-dns serves /healthz beside its metrics once its controller runs. */
export async function externalDnsHealthy(port: number): Promise<boolean> {
  return (await request(`http://127.0.0.1:${port}/healthz`))?.status === 200;
}
