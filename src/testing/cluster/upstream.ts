import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ClusterBinaries } from './binaries.js';
import { moduleDir } from './go.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * kwok's default stages, as kwokctl uses them. pod-delete is essential: without it deleted pods (and so
 * Deployments and namespaces) hang in Terminating. Read from the module cache, never copied into the repo.
 */
const KWOK_STAGES = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

/** Files other projects ship that a cluster needs at run time. */
export interface UpstreamFiles {
  readonly kwokStages: readonly string[];
  /** KRO's CustomResourceDefinitions, parsed. */
  readonly kroCrds: readonly KubeObject[];
}

/** The little of an object's shape that bootstrapping reads. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
}

/** Locates (downloading if needed) the kwok and KRO modules and reads the stage paths and CRDs. */
export async function upstreamFiles(bins: ClusterBinaries): Promise<UpstreamFiles> {
  const [kwokDir, kroDir] = await Promise.all([
    moduleDir(bins.wrappers.kwok, 'sigs.k8s.io/kwok', bins.versions.kwok),
    moduleDir(bins.wrappers.kro, 'github.com/kubernetes-sigs/kro', bins.versions.kro),
  ]);
  const kroCrds = crdsIn(join(kroDir, 'helm', 'crds'));
  return { kwokStages: KWOK_STAGES.map((s) => join(kwokDir, 'kustomize', 'stage', s)), kroCrds };
}

/** The CustomResourceDefinitions in the YAML files of an upstream module's folder; none is an environment error. */
export function crdsIn(crdDir: string): KubeObject[] {
  const crds = readdirSync(crdDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(crdDir, f), 'utf8')).map((d) => d.toJS() as KubeObject | null))
    .filter((o): o is KubeObject => o !== null && o.kind === 'CustomResourceDefinition');
  if (crds.length === 0) throw new TypeKroError('ENVIRONMENT', `no CustomResourceDefinitions found in ${crdDir}`);
  return crds;
}
