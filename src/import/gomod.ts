/**
 * CRDs from a Go module version through the Go module proxy protocol (`$GOPROXY/<module>/@v/<version>.zip`),
 * without Go: the module zip is downloaded and the YAML files under a path inside it are read.
 */
import { unzipSync } from 'fflate';
import type { SourceDocument } from './crds.js';
import { ImportError } from './errors.js';
import { download } from './fetch.js';

/** A module version and the path inside it: `github.com/cert-manager/cert-manager@v1.21.2/deploy/crds`. */
export interface ModuleSource {
  readonly module: string;
  readonly version: string;
  readonly path: string;
}

const MODULE = /^([a-z0-9.-]+\.[a-z]{2,}(?:\/[^@\s]+)?)@(v[0-9][^/\s]*)(?:\/(.*))?$/i;

/** Reads `module@version[/path]`, or undefined when `source` is not of that form. */
export function parseModuleSource(source: string, path?: string): ModuleSource | undefined {
  const match = MODULE.exec(source);
  if (!match) return undefined;
  return { module: match[1]!, version: match[2]!, path: (path ?? match[3] ?? '').replace(/^\/+|\/+$/g, '') };
}

/** The proxies of `GOPROXY` to ask, in order (up to `direct`/`off`); proxy.golang.org when unset. */
export function proxiesOf(goproxy: string | undefined): string[] {
  const entries = (goproxy ?? 'https://proxy.golang.org,direct').split(/[,|]/).map((entry) => entry.trim()).filter(Boolean);
  const proxies: string[] = [];
  for (const entry of entries) {
    if (entry === 'direct' || entry === 'off') break;
    proxies.push(entry.replace(/\/+$/, ''));
  }
  return proxies;
}

/** Module paths in proxy URLs: each upper-case letter becomes `!` and its lower case. */
const escapePath = (path: string): string => path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);

/** The YAML files under the source's path in the module zip, read through the first proxy that has the module. */
export async function moduleDocuments(source: ModuleSource, env: Readonly<Record<string, string | undefined>> = process.env): Promise<SourceDocument[]> {
  const label = `${source.module}@${source.version}`;
  const proxies = proxiesOf(env.GOPROXY);
  if (proxies.length === 0) throw new ImportError(`${label}: GOPROXY=${env.GOPROXY ?? ''} names no proxy to download the module from; set GOPROXY (e.g. https://proxy.golang.org)`);
  if (!source.path) throw new ImportError(`${label}: give the path of the CRDs inside the module (${label}/deploy/crds, or --path deploy/crds)`);
  let zip: Uint8Array | undefined;
  const misses: string[] = [];
  for (const proxy of proxies) {
    const url = `${proxy}/${escapePath(source.module)}/@v/${escapePath(source.version)}.zip`;
    const result = await download(url, { notFoundIsMiss: true });
    if (result) {
      zip = result;
      break;
    }
    misses.push(proxy);
  }
  if (!zip) throw new ImportError(`${label}: unknown module version (${misses.join(', ')} answered not found or refused); check the module path and version (go list -m -versions ${source.module})`);
  return filesUnder(zip, `${source.module}@${source.version}/`, source.path, label);
}

function filesUnder(zip: Uint8Array, root: string, path: string, label: string): SourceDocument[] {
  const prefix = `${root}${path}`;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (file) => file.name === prefix || (file.name.startsWith(`${prefix}/`) && /\.ya?ml$/i.test(file.name)) });
  } catch (error) {
    throw new ImportError(`${label}: the module zip could not be read (${(error as Error).message})`);
  }
  const names = Object.keys(entries).sort();
  if (names.length === 0) throw new ImportError(`${label}: no YAML file at "${path}" in the module; look at the module's tree for the directory holding its CRDs`);
  const decoder = new TextDecoder();
  return names.map((name) => ({ origin: `${label}/${name.slice(root.length)}`, text: decoder.decode(entries[name]) }));
}
