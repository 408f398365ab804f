/**
 * Where Flux's install manifests come from: a local file or directory, or a URL (by default the Flux
 * release's `install.yaml`), downloaded once into the TypeKro cache.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { downloadManifest, isManifestUrl } from '../../model/yaml/download.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * The Flux release asset TypeKro installs by default.
 *
 * @example
 * import { fluxReleaseUrl } from 'typekro';
 * fluxReleaseUrl('v2.7.5'); // => 'https://github.com/fluxcd/flux2/releases/download/v2.7.5/install.yaml'
 */
export function fluxReleaseUrl(version: string): string {
  return `https://github.com/fluxcd/flux2/releases/download/${version}/install.yaml`;
}

/** Where the install manifests are on this machine: a file or a directory. */
export interface LocalManifests {
  readonly path: string;
  readonly directory: boolean;
}

/**
 * The install manifests as a local path: a URL is downloaded (once, into the TypeKro cache) by the mechanism
 * `yamlFile` uses for URLs; a path is resolved against the working directory.
 */
export function localFluxManifests(source: string, options: { readonly refresh?: boolean } = {}): LocalManifests {
  if (!isManifestUrl(source)) {
    const path = resolve(source);
    if (!existsSync(path)) throw new TypeKroError('USAGE', `fluxManifests: ${path} does not exist; give the path of Flux's install.yaml (or a directory of manifests), or a URL`);
    return { path, directory: statSync(path).isDirectory() };
  }
  try {
    return { path: downloadManifest(source, { field: 'fluxManifests', ...(options.refresh ? { refresh: true } : {}) }), directory: false };
  } catch (error) {
    if (!(error instanceof TypeKroError) || error.code !== 'ENVIRONMENT') throw error;
    throw new TypeKroError('ENVIRONMENT', `${error.message}. Without network access, pass fluxManifests: '<path of install.yaml>' (or a directory), or fluxInstallation: 'external' when Flux is installed already`);
  }
}
