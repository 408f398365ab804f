/**
 * `yamlFile` and `yamlDirectory`: existing manifests become resources of the composition. They are read
 * when the composition is defined, so a bad file fails before anything is applied; in both modes they are
 * ordinary resources (ordered by their references and `dependsOn`, owned, pruned and deleted with the rest).
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isClusterScopedKind } from '../../util/kinds.js';
import { formatLocation, userFrames } from '../call-site.js';
import { registerFactoryName, registerManifest, type Enhanced } from '../factory.js';
import { currentRun, requireFixed } from '../run.js';
import { withNestedRecords, recordsOf } from '../resource.js';
import { describeValue, hasMarkers, isRef } from '../refs.js';
import { listManifestFiles, readManifestFile, YamlManifestError, type FileManifest } from './read.js';
import { downloadManifest, isManifestUrl } from './download.js';
import { TypeKroError } from '../../util/errors.js';

export { YamlManifestError } from './read.js';

/**
 * Options of `yamlFile` and `yamlDirectory`: the namespace of namespaced objects without one, and the id prefix.
 *
 * @example
 * import type { YamlManifestOptions } from 'typekro';
 * const options: YamlManifestOptions = { namespace: 'dev', id: 'base' };
 * options.id; // => 'base'
 */
export interface YamlManifestOptions {
  /**
   * Namespace for the objects that name none (cluster-scoped kinds excepted). Default: the namespace the
   * composition is deployed to, like every other resource.
   */
  readonly namespace?: string;
  /** Prefix of the resource ids (`<prefix><Kind><Name>`); default: the file or directory name. */
  readonly id?: string;
}

/**
 * What `yamlFile` takes: the file (relative to the composition file) and options.
 *
 * @example
 * import type { YamlFileConfig } from 'typekro';
 * const config: YamlFileConfig = { path: './manifests/base.yaml' };
 * config.path; // => './manifests/base.yaml'
 */
export interface YamlFileConfig extends YamlManifestOptions {
  /**
   * Relative paths are resolved against the directory of the file that calls `yamlFile`. An `http(s)://`
   * URL is downloaded when the composition is defined and cached (in `$TYPEKRO_CACHE_DIR/manifests`).
   */
  readonly path: string;
  /** The original TypeKro's name of the manifest set: the id prefix here, when `id` is not given. */
  readonly name?: string;
  /** Download a URL again even when it is cached. */
  readonly refresh?: boolean;
}

/**
 * What `yamlDirectory` takes: the directory, whether to descend, and options.
 *
 * @example
 * import type { YamlDirectoryConfig } from 'typekro';
 * const config: YamlDirectoryConfig = { path: './crds', recursive: true };
 * config.recursive; // => true
 */
export interface YamlDirectoryConfig extends YamlManifestOptions {
  /** Relative paths are resolved against the directory of the file that calls `yamlDirectory`. */
  readonly path: string;
  /** Read subdirectories too (default true). Files are taken in path order. */
  readonly recursive?: boolean;
}

/**
 * The resources read from YAML. Pass it to `dependsOn(...)` to order other resources after all of them.
 *
 * @example
 * import type { YamlManifests } from 'typekro';
 * const count = (manifests: YamlManifests): number => manifests.resources.length + manifests.files.length;
 * count({ resources: [], files: [] } as unknown as YamlManifests); // => 0
 */
export interface YamlManifests {
  /** One handle per object, in file order. */
  readonly resources: readonly Enhanced<Record<string, unknown>>[];
  /** The files read (absolute paths; a URL as it was given). */
  readonly files: readonly string[];
  /**
   * The handle of one object, for references (`files.resource<V1ConfigMap>('ConfigMap', 'settings').data.level`; the type argument types the handle).
   * @throws Error naming the objects there are when none matches.
   */
  resource<T = Record<string, unknown>>(kind: string, name: string): Enhanced<T>;
}

/**
 * The objects of one YAML file (several documents and `kind: List` are fine).
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import type { V1ConfigMap } from '@kubernetes/client-node';
 * import { kubernetesComposition, yamlFile } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
 *   () => {
 *     const base = yamlFile('./manifests/base.yaml'); // relative to this file
 *     const web = Deployment({ name: 'app', image: 'nginx', env: { LEVEL: base.resource<V1ConfigMap>('ConfigMap', 'settings').data.level ?? 'info' } });
 *     return { ready: web.status.readyReplicas > 0 };
 *   },
 * );
 * app.graph.resources.map((r) => r.id); // => ['baseConfigMapSettings', 'web']
 * ```
 * @throws YamlManifestError naming the file (and line) when it cannot be read, does not parse, holds a document that is not a Kubernetes object, or a plain scalar kubectl's YAML 1.1 reads otherwise (`replicas: 010`).
 */
export function yamlFile(config: string | YamlFileConfig): YamlManifests {
  // The declared signature stays one argument; JavaScript (and `as any`) can pass more.
  refuseExtraArguments('yamlFile', arguments.length);
  requireFixedOptions('yamlFile');
  // A reference (a function proxy) is a path, not options: reading `.path` of it would invent `spec.path.path`.
  const options: YamlFileConfig = typeof config === 'string' || isRef(config) ? { path: config as string } : compiledOptions('yamlFile', config);
  const url = typeof options.path === 'string' && isManifestUrl(options.path);
  const absolute = url ? downloadManifest(options.path, { ...(options.refresh ? { refresh: true } : {}) }) : locate(options.path, 'yamlFile');
  const files = [url ? options.path : absolute];
  return register(readManifestFile(absolute, options.path), files, { ...options, id: options.id ?? options.name }, baseName(url ? new URL(options.path).pathname : absolute), 'yamlFile');
}

/**
 * The objects of every `.yaml`/`.yml` file under a directory, in path order.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition, yamlDirectory } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const operator = kubernetesComposition(
 *   { name: 'operator', kind: 'Operator', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
 *   () => {
 *     const crds = yamlDirectory({ path: './crds', recursive: false }); // relative to this file
 *     const operator = Deployment({ name: 'operator', image: 'example/operator:1.0' }).dependsOn(crds);
 *     return { ready: operator.status.readyReplicas > 0 };
 *   },
 * );
 * operator.toYaml();
 * ```
 * @throws YamlManifestError naming the directory or file at fault; duplicate objects name both files.
 */
export function yamlDirectory(config: string | YamlDirectoryConfig): YamlManifests {
  // The declared signature stays one argument; JavaScript (and `as any`) can pass more.
  refuseExtraArguments('yamlDirectory', arguments.length);
  requireFixedOptions('yamlDirectory');
  // A reference (a function proxy) is a path, not options: reading `.path` of it would invent `spec.path.path`.
  const options = typeof config === 'string' || isRef(config) ? { path: config as string } : compiledOptions('yamlDirectory', config);
  const absolute = locate(options.path, 'yamlDirectory');
  const files = listManifestFiles(absolute, options.path, { recursive: options.recursive ?? true });
  const manifests = files.flatMap((file) => readManifestFile(file));
  return register(manifests, files, options, baseName(absolute), 'yamlDirectory');
}

registerFactoryName('yamlFile', yamlFile as (config: never) => unknown);
registerFactoryName('yamlDirectory', yamlDirectory as (config: never) => unknown);

/**
 * `yamlFile('./a.yaml', { id: 'a' })`: JavaScript passes the second argument and the function never reads it,
 * so its options would be dropped without a word (TypeScript refuses the call; plain JavaScript and `as any` do not).
 */
function refuseExtraArguments(factory: string, count: number): void {
  if (count <= 1) return;
  const options = factory === 'yamlFile' ? 'id, name, namespace, refresh' : 'id, namespace, recursive';
  throw new TypeKroError(
    'DEFINITION_INVALID',
    `${formatLocation(userFrames()[0])}: ${factory} takes one argument, a path or an options object ({ path, ${options} }); its other ${count - 1 === 1 ? 'argument is' : `${count - 1} arguments are`} never read, so options given there would be ignored. ` +
      `Put them into the first argument: ${factory}({ path: '${factory === 'yamlFile' ? './manifests/base.yaml' : './manifests'}', id: 'base' })`,
  );
}

/** The file is read, and its objects named, when the composition is defined: none of this may come from the spec. */
function requireFixedOptions(factory: string): void {
  const hint = `read each file with its own call, under \`if (spec.prod) ${factory}('./prod') else ${factory}('./dev')\``;
  requireFixed({ what: `the path of ${factory}`, position: 0, path: ['path'], hint });
  for (const option of ['id', 'name', 'recursive']) requireFixed({ what: `the ${option} option of ${factory}`, position: 0, path: [option], hint });
}

/** The options with what goes into the manifests (the namespace) compiled from source, like a factory's. */
function compiledOptions<T extends object>(factory: string, config: T): T {
  return (currentRun()?.prepareArguments(factory, config, 0) ?? config) as T;
}

/** Relative paths are relative to the calling file (like an import), so they do not depend on the working directory. */
function locate(path: unknown, factory: string): string {
  if (typeof path !== 'string' || path === '' || hasMarkers(path)) {
    throw new TypeKroError('DEFINITION_INVALID', `${formatLocation(userFrames()[0])}: ${factory}: path must be a non-empty literal string (files are read when the composition is defined, not from the spec), got ${describeValue(path)}`);
  }
  if (isAbsolute(path)) return path;
  const caller = userFrames()[0]?.file;
  return resolve(caller ? dirname(caller) : process.cwd(), path);
}

function register(found: readonly FileManifest[], files: readonly string[], options: YamlManifestOptions, defaultPrefix: string, factoryName: string): YamlManifests {
  checkUnique(found);
  const prefix = idWords(options.id ?? defaultPrefix).map((w, i) => (i === 0 ? w.toLowerCase() : capital(w))).join('') || 'yaml';
  const resources = found.map(({ manifest }) => {
    const id = prefix + capital(manifest.kind) + idWords(manifest.metadata.name).map(capital).join('');
    const metadata = options.namespace !== undefined && manifest.metadata['namespace'] === undefined && !isClusterScopedKind(manifest.kind)
      ? { ...manifest.metadata, namespace: options.namespace }
      : manifest.metadata;
    return registerManifest({ ...manifest, metadata }, id, factoryName);
  });
  const records = resources.flatMap((handle) => recordsOf(handle));
  const manifests: YamlManifests = {
    resources,
    files,
    resource<T>(kind: string, name: string): Enhanced<T> {
      const hint = 'name the object with literals; to use one of two objects, read each (`.resource(kind, \'a\')`, `.resource(kind, \'b\')`) and choose between their fields';
      requireFixed({ what: 'the kind given to .resource()', position: 0, hint, method: 'resource' });
      requireFixed({ what: 'the name given to .resource()', position: 1, hint, method: 'resource' });
      const index = found.findIndex(({ manifest }) => manifest.kind === kind && manifest.metadata.name === name);
      if (index < 0) {
        const there = found.map(({ manifest }) => `${manifest.kind}/${manifest.metadata.name}`).join(', ');
        throw new TypeKroError('DEFINITION_INVALID', `no ${kind} named ${describeValue(name)} in ${files.map((f) => relative(process.cwd(), f) || f).join(', ')}; there are: ${there}`);
      }
      return resources[index] as unknown as Enhanced<T>;
    },
  };
  const handle = withNestedRecords(manifests, records);
  currentRun()?.returned?.(handle);
  return handle;
}

/** Two documents for the same object would fight over it; name both places. */
function checkUnique(found: readonly FileManifest[]): void {
  const seen = new Map<string, FileManifest>();
  for (const entry of found) {
    const { apiVersion, kind, metadata } = entry.manifest;
    const key = `${apiVersion.split('/')[0]}|${kind}|${String(metadata['namespace'] ?? '')}|${metadata.name}`;
    const first = seen.get(key);
    if (first) {
      throw new YamlManifestError(`${kind} "${metadata.name}" is defined twice: ${first.file}:${first.line} and ${entry.file}:${entry.line}; keep one`, entry.file);
    }
    seen.set(key, entry);
  }
}

const idWords = (text: string): string[] => text.split(/[^a-zA-Z0-9]+/).filter(Boolean);
const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function baseName(path: string): string {
  const last = path.split(/[\\/]/).filter(Boolean).pop() ?? 'yaml';
  return last.replace(/\.(ya?ml)$/i, '');
}
