/**
 * Where CRDs come from: a YAML file or directory, a URL, a Helm chart (directory or `.tgz`, local or a URL),
 * a Go module version through the Go module proxy, or a live cluster. Each gives YAML documents (or objects)
 * and a version for the generated header.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import type { ClusterTarget } from '../runtime/kube/config.js';
import type { SourceDocument } from './crds.js';
import { ImportError } from './errors.js';
import { compareText } from './order.js';
import { download } from './fetch.js';
import { moduleDocuments, parseModuleSource } from './gomod.js';
import { chartArchiveFiles, chartDirectoryFiles, chartDocuments } from './helm.js';

/**
 * How to read a source.
 *
 * @example
 * import type { SourceOptions } from 'typekro/import';
 * const options: SourceOptions = { fromCluster: true, env: { KUBECONFIG: '/tmp/kubeconfig' } };
 * options.fromCluster; // => true
 */
export interface SourceOptions {
  /** Read the CRDs of a live cluster: `source` is an API group (`cert-manager.io`) or a CRD name. */
  readonly fromCluster?: boolean;
  /** The cluster to read (kubeconfig path, context), as kubectl picks it by default. */
  readonly cluster?: ClusterTarget;
  /** The path inside a Go module (instead of `module@version/path`). */
  readonly path?: string;
  /** The environment (GOPROXY, KUBECONFIG); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What a source gave: its documents and, when the source knows it, its version. */
export interface ReadSource {
  readonly documents: SourceDocument[];
  readonly version?: string;
}

const CHART_ARCHIVE = /\.(tgz|tar\.gz)$/i;
const YAML_FILE = /\.ya?ml$/i;

/** Reads a source as `typekro import` takes it. */
export async function readSource(source: string, options: SourceOptions = {}): Promise<ReadSource> {
  if (source === '') throw new ImportError('no source given: name a YAML file or directory, a URL, a Helm chart, module@version/path or (with --from-cluster) an API group');
  if (options.fromCluster) return { documents: await clusterDocuments(source, options) };
  if (/^https?:\/\//i.test(source)) return urlDocuments(source);
  const module = parseModuleSource(source, options.path);
  let stats: Stats | undefined;
  try {
    stats = statSync(source, { throwIfNoEntry: false });
  } catch (error) {
    throw new ImportError(`${source}: cannot be read (${(error as Error).message})`);
  }
  if (!stats && module) return { documents: await moduleDocuments(module, options.env), version: module.version };
  if (!stats) throw new ImportError(`${source}: no such file or directory (and not a URL or module@version/path)`);
  if (stats.isDirectory()) return directoryDocuments(source);
  if (CHART_ARCHIVE.test(source)) return chartArchive(readBytes(source), source);
  return { documents: [{ origin: source, text: readText(source) }] };
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ImportError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

const readText = (path: string): string => new TextDecoder().decode(readBytes(path));

async function urlDocuments(url: string): Promise<ReadSource> {
  const body = await download(url);
  if (!body) throw new ImportError(`cannot download ${url}`);
  if (CHART_ARCHIVE.test(new URL(url).pathname)) return chartArchive(body, url);
  return { documents: [{ origin: url, text: new TextDecoder().decode(body) }] };
}

async function chartArchive(bytes: Uint8Array, label: string): Promise<ReadSource> {
  const files = await chartArchiveFiles(bytes, label);
  return { documents: chartDocuments(files, label), ...chartVersion(files) };
}

function chartVersion(files: ReadonlyMap<string, string>): { version?: string } {
  const chart = files.get('Chart.yaml');
  const version = chart ? /^version:\s*["']?([^"'\s]+)/m.exec(chart)?.[1] : undefined;
  return version ? { version } : {};
}

function directoryDocuments(dir: string): ReadSource {
  if (statSync(join(dir, 'Chart.yaml'), { throwIfNoEntry: false })?.isFile()) {
    const files = chartDirectoryFiles(dir);
    return { documents: chartDocuments(files, dir), ...chartVersion(new Map([['Chart.yaml', readText(join(dir, 'Chart.yaml'))]])) };
  }
  const documents: SourceDocument[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) documents.push({ origin: relative(process.cwd(), path) || path, text: readText(path) });
    }
  };
  walk(dir);
  if (documents.length === 0) throw new ImportError(`${dir}: the directory has no .yaml or .yml file`);
  return { documents };
}

async function clusterDocuments(selector: string, options: SourceOptions): Promise<SourceDocument[]> {
  // Loaded on use: the Kubernetes client is most of what importing this module would cost otherwise.
  const [{ KubeClient }, { loadKubeConfig }] = await Promise.all([import('../runtime/kube/client.js'), import('../runtime/kube/config.js')]);
  const client = new KubeClient(loadKubeConfig(options.cluster ?? {}, options.env ?? process.env), { retryMs: 5_000 });
  const list = (await client.readPath('/apis/apiextensions.k8s.io/v1/customresourcedefinitions')) as { items?: Record<string, unknown>[] };
  const items = (list.items ?? []).filter((crd) => {
    const name = (crd.metadata as { name?: string } | undefined)?.name;
    const group = (crd.spec as { group?: string } | undefined)?.group;
    return name === selector || group === selector;
  });
  if (items.length === 0) throw new ImportError(`${selector}: no CustomResourceDefinition of that group or name in the cluster at ${client.server} (kubectl get crd lists them)`);
  const nameOf = (crd: Record<string, unknown>): string => String((crd.metadata as { name?: string } | undefined)?.name);
  const objects = items
    .sort((a, b) => compareText(nameOf(a), nameOf(b)))
    .map((crd) => ({ ...crd, apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }));
  return [{ origin: `cluster ${client.server}`, text: '', objects }];
}
