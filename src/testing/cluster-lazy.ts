/**
 * The cluster side of `typekro/testing`, loaded on first use: importing the test kit for `render` and
 * `simulate` loads no Kubernetes client, no control-plane code and no chart packaging. Each function here
 * imports its implementation (src/testing/cluster/, src/testing/charts/) when called.
 */
import type { ClusterBinaries, EnsureBinariesOptions } from './cluster/binaries.js';
import type { LocalCluster, LocalClusterOptions } from './cluster/cluster.js';
import type { PackagedChart } from './charts/package.js';
import type { ChartRepository, ChartRepositoryOptions } from './charts/repository.js';

/**
 * Starts a local Kubernetes control plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
 * kwok (one fake Node whose pods become Running/Ready), the KRO controller and (unless `flux: false`) Flux's
 * source-controller and helm-controller, all on free 127.0.0.1 ports.
 * Resolves once the API is ready, the node is Ready, the `default` ServiceAccount exists, the KRO (and Flux) CRDs
 * are Established and the controllers are healthy. If a component dies or the deadline passes, rejects with the component's log
 * tail and leaves nothing behind.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { startLocalCluster } from 'typekro/testing';
 * import { CoreV1Api } from '@kubernetes/client-node';
 *
 * const cluster = await startLocalCluster();
 * try {
 *   const core = cluster.kubeconfig.makeApiClient(CoreV1Api);
 *   console.log((await core.listNode()).items.map((n) => n.metadata?.name)); // ['kwok-node-0']
 * } finally {
 *   await cluster.stop();
 * }
 * ```
 */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  return (await import('./cluster/cluster.js')).startLocalCluster(options);
}

/**
 * Returns the control-plane binaries, building first the components this cache has no binaries for.
 *
 * Each component (Kubernetes, etcd, kwok, KRO, the two Flux controllers) is cached under its own key, which
 * hashes only its own wrapper's go.mod/go.sum, ldflags and the Go toolchain: moving KRO rebuilds only KRO. A cold
 * build compiles everything from the Go module proxy (minutes on a small machine, with progress lines); later
 * calls only hash the wrapper files. Concurrent callers wait for one build of each component.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { ensureClusterBinaries } from 'typekro/testing';
 * const bins = await ensureClusterBinaries();
 * console.log(bins.paths['kube-apiserver'], bins.versions.kubernetes); // .../kube-apiserver v1.36.3
 * ```
 */
export async function ensureClusterBinaries(options: EnsureBinariesOptions = {}): Promise<ClusterBinaries> {
  return (await import('./cluster/binaries.js')).ensureClusterBinaries(options);
}

/**
 * Packages a chart directory into `<outDir>/<name>-<version>.tgz`, with the layout `helm package` produces:
 * every entry under `<name>/` (`<name>/Chart.yaml`, `<name>/values.yaml`, `<name>/templates/...`,
 * `<name>/crds/...`), `.helmignore` honoured. The archive is deterministic (sorted entries, fixed mtime and
 * owner), so the digest depends only on the chart's files.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { basename, join } from 'node:path';
 * import { packageChart } from 'typekro/testing';
 * const chart = await packageChart('test/fixtures/charts/hello', mkdtempSync(join(tmpdir(), 'charts-')));
 * basename(chart.file); // => 'hello-0.1.0.tgz'
 * console.log(chart.digest); // sha256 of the archive: 3f1c…
 * ```
 */
export async function packageChart(chartDir: string, outDir: string): Promise<PackagedChart> {
  return (await import('./charts/package.js')).packageChart(chartDir, outDir);
}

/**
 * Packages chart directories and serves them as a Helm chart repository on 127.0.0.1 (ephemeral port):
 * `GET /index.yaml` and `GET /<name>-<version>.tgz`, 404 for anything else. For tests of Helm-based
 * deployments (Flux HelmRepository, `helm install --repo`) without the internet.
 *
 * @example
 * ```ts
 * import { startChartRepository } from 'typekro/testing';
 * const repo = await startChartRepository({ charts: ['test/fixtures/charts/hello'] });
 * try {
 *   // helm install demo hello --repo ${repo.url} --version 0.1.0
 *   const index = await (await fetch(`${repo.url}/index.yaml`)).text();
 *   index.includes('hello'); // => true
 *   repo.requests; // => ['/index.yaml']
 * } finally {
 *   await repo.stop();
 * }
 * ```
 */
export async function startChartRepository(options: ChartRepositoryOptions): Promise<ChartRepository> {
  return (await import('./charts/repository.js')).startChartRepository(options);
}

/**
 * The directory of KRO's Helm chart (`helm/` of the KRO module) in the Go module cache, for the KRO version the
 * cluster binaries are built from (tools/kro/go.mod); downloaded first if needed (inside tools/kro, so go.sum is
 * checked).
 *
 * @example
 * ```ts
 * // needs: cluster (its Go toolchain: the chart comes from KRO's Go module)
 * import { kroChartDir, startChartRepository } from 'typekro/testing';
 * const repo = await startChartRepository({ charts: [await kroChartDir()] });
 * repo.charts[0]?.name; // => 'kro'
 * await repo.stop();
 * ```
 */
export async function kroChartDir(): Promise<string> {
  return (await import('./charts/kro-chart.js')).kroChartDir();
}
