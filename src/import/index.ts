/**
 * `typekro/import`: CustomResourceDefinitions → a typed TypeScript module of TypeKro factories, from a YAML
 * file or directory, a URL, a Helm chart, a Go module version (through the Go module proxy) or a live cluster.
 * The CLI's `typekro import` is this function.
 */
import { crdsOf, type Crd } from './crds.js';
import { ImportError } from './errors.js';
import { generateKinds, type GenerateOptions } from './generate.js';
import { readSource, type SourceOptions } from './sources.js';
import { writeDirectory, writeModule, type GeneratedFile } from './write.js';

export { ImportError } from './errors.js';
export type { Crd, CrdVersion, SourceDocument } from './crds.js';
export type { GenerateOptions, ModuleHeader } from './generate.js';
export type { SourceOptions } from './sources.js';
export type { GeneratedFile } from './write.js';

/**
 * Options of {@link importCrds}: how to read the source and how to write the module.
 *
 * @example
 * import type { ImportOptions } from 'typekro/import';
 * const options: ImportOptions = { fromCluster: true, typekroImport: 'typekro' };
 * options.fromCluster; // => true
 */
export interface ImportOptions extends SourceOptions, GenerateOptions {
  /** The command the header names for regenerating; default `typekro import <source>`. */
  readonly command?: string;
  /** How the header names the source; default the source as given (`--from-cluster`: the cluster's CRDs of it). */
  readonly label?: string;
  /** The version the header names; default the source's (module or chart version), else the CRDs' own labels. */
  readonly version?: string;
  /** Only these kinds (by kind name); default every CRD of the source. */
  readonly kinds?: readonly string[];
}

/**
 * What {@link importCrds} produced: the module text and what it holds.
 *
 * @example
 * import type { ImportResult } from 'typekro/import';
 * const kinds = (result: ImportResult) => result.factories.map((f) => f.factoryName);
 * typeof kinds; // => 'function'
 */
export interface ImportResult {
  /** Every kind in one module (`typekro import --out FILE`). */
  readonly module: string;
  /** The same kinds as a directory: a file per kind and version, and `index.ts` (`typekro import --out-dir DIR`). */
  readonly files: readonly GeneratedFile[];
  readonly crds: readonly Crd[];
  readonly factories: readonly { readonly factoryName: string; readonly typeName: string; readonly apiVersion: string; readonly kind: string }[];
  readonly version?: string;
}

/**
 * Reads the CRDs of `source` and generates their TypeScript module, and the same as a directory of one file
 * per kind (deterministic and formatted).
 *
 * @example
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { importCrds } from 'typekro/import';
 * const file = join(mkdtempSync(join(tmpdir(), 'crd-')), 'cache.yaml');
 * writeFileSync(file, `apiVersion: apiextensions.k8s.io/v1
 * kind: CustomResourceDefinition
 * metadata: { name: caches.example.com }
 * spec:
 *   group: example.com
 *   names: { kind: Cache, plural: caches }
 *   scope: Namespaced
 *   versions:
 *     - name: v1
 *       served: true
 *       storage: true
 *       schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, properties: { size: { type: integer } } } } } }
 * `);
 * const result = await importCrds(file);
 * result.factories[0]?.factoryName; // => 'cache'
 */
export async function importCrds(source: string, options: ImportOptions = {}): Promise<ImportResult> {
  const read = await readSource(source, options);
  const version = options.version ?? read.version;
  let crds = crdsOf(read.documents);
  if (options.kinds && options.kinds.length > 0) {
    const wanted = new Set(options.kinds);
    const missing = [...wanted].filter((kind) => !crds.some((crd) => crd.kind === kind));
    if (missing.length > 0) throw new ImportError(`${source}: no CRD of kind ${missing.join(', ')} (kinds found: ${crds.map((c) => c.kind).sort().join(', ') || 'none'})`);
    crds = crds.filter((crd) => wanted.has(crd.kind));
  }
  if (crds.length === 0) throw new ImportError(`${source}: no CustomResourceDefinition found in ${read.documents.map((d) => d.origin).join(', ')}; is it a CRD file (kind: CustomResourceDefinition)?`);
  const duplicate = crds.find((crd, i) => crds.findIndex((other) => other.name === crd.name) !== i);
  if (duplicate) throw new ImportError(`${source}: CRD ${duplicate.name} is defined twice (${crds.filter((c) => c.name === duplicate.name).map((c) => c.origin).join(' and ')})`);
  const info = { source: options.label ?? (options.fromCluster ? `the cluster's CRDs of ${source}` : source), ...(version ? { version } : {}), command: options.command ?? `typekro import ${source}` };
  const kinds = await generateKinds(crds, options);
  const module = writeModule(kinds, crds, info, options);
  const files = writeDirectory(kinds, crds, info, options);
  const factories = kinds.map(({ kind: k }) => ({ factoryName: k.factoryName, typeName: k.typeName, apiVersion: `${k.crd.group}/${k.version.name}`, kind: k.crd.kind }));
  return { module, files, crds, factories, ...(version ? { version } : {}) };
}
