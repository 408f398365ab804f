/**
 * Starting the optional controllers of a local cluster: cert-manager's CRDs and namespace, and both controllers'
 * probes (their flags are in optional-args.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ClusterBinaries } from './binaries.js';
import { CERT_MANAGER_MODULE } from './build-plan.js';
import { moduleDir } from './go.js';
import { request, type AdminClient } from './http.js';
import type { KubeObject } from './upstream.js';
import { CERT_MANAGER_NAMESPACE } from './optional-args.js';
import { TypeKroError } from '../../util/errors.js';

/** cert-manager's six CRDs, read from `deploy/crds/` of its module in the Go module cache (never copied here). */
export async function certManagerCrds(bins: ClusterBinaries): Promise<KubeObject[]> {
  const crdDir = join(await moduleDir(bins.wrappers.certManager, CERT_MANAGER_MODULE, bins.versions.certManager), 'deploy', 'crds');
  const crds = readdirSync(crdDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(crdDir, f), 'utf8')).map((d) => d.toJS() as KubeObject | null))
    .filter((o): o is KubeObject => o !== null && o.kind === 'CustomResourceDefinition');
  if (crds.length === 0) throw new TypeKroError('ENVIRONMENT', `no CustomResourceDefinitions found in ${crdDir}`);
  return crds;
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
