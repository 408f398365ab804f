/**
 * A Flux install manifest for tests without network access, assembled the way Flux's release `install.yaml`
 * is (kustomize over each controller's `config/`): the namespace, both controllers' CRDs, Deployments,
 * Services and RBAC, read from the controllers' Go modules in the module cache (never copied into the repo).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { ClusterBinaries } from '../../src/testing/index.js';
import { FLUX_HELM_MODULE, FLUX_SOURCE_MODULE } from '../../src/testing/cluster/build-plan.js';
import { FLUX_NAMESPACE, fluxCrds } from '../../src/testing/cluster/flux.js';
import { moduleDir } from '../../src/testing/cluster/go.js';
import { serveFilesInChild } from './child-server.js';

type Json = Record<string, any>;

function documents(file: string): Json[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Json | null).filter((d): d is Json => d !== null);
}

/** One controller's manifests: Deployment (+ Service) in flux-system, its ClusterRole and binding. */
function controller(moduleRoot: string, name: string, version: string): Json[] {
  const manager = join(moduleRoot, 'config', 'manager');
  const objects = [...documents(join(manager, 'deployment.yaml'))];
  try {
    objects.push(...documents(join(manager, 'service.yaml')));
  } catch {
    // helm-controller has no Service
  }
  for (const object of objects) {
    object.metadata = { ...object.metadata, namespace: FLUX_NAMESPACE };
    for (const container of object.spec?.template?.spec?.containers ?? []) container.image = `ghcr.io/fluxcd/${name}:${version}`;
  }
  const role = documents(join(moduleRoot, 'config', 'rbac', 'role.yaml')).find((o) => o.kind === 'ClusterRole')!;
  role.metadata = { name: `flux-${name}` };
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `flux-${name}` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `flux-${name}` },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: FLUX_NAMESPACE }],
  };
  return [...objects, role, binding];
}

/** The install manifest as multi-document YAML. */
export async function fluxInstallYaml(bins: ClusterBinaries): Promise<string> {
  const [source, helm] = await Promise.all([
    moduleDir(bins.wrappers.fluxSource, FLUX_SOURCE_MODULE, bins.versions.fluxSource),
    moduleDir(bins.wrappers.fluxHelm, FLUX_HELM_MODULE, bins.versions.fluxHelm),
  ]);
  const objects: Json[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: FLUX_NAMESPACE, labels: { 'app.kubernetes.io/instance': FLUX_NAMESPACE } } },
    ...((await fluxCrds(bins)) as Json[]),
    ...controller(source, 'source-controller', bins.versions.fluxSource),
    ...controller(helm, 'helm-controller', bins.versions.fluxHelm),
  ];
  return objects.map((o) => stringify(o)).join('---\n');
}

/** Serves `text` at `http://127.0.0.1:<port>/install.yaml` (what the bootstrap downloads), counting requests. */
export async function serveText(text: string): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  // In a child process: the bootstrap reads its URL synchronously, which blocks this process (see child-server.ts).
  const server = await serveFilesInChild({ 'install.yaml': text });
  return { url: `${server.url}/install.yaml`, requests: () => server.requests().length, close: () => server.close() };
}
