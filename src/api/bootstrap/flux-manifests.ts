/**
 * Where Flux's install manifests come from: a local file or directory, or a URL (by default the Flux
 * release's `install.yaml`), downloaded once into the TypeKro cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheRoot } from '../../util/cache.js';
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

/** A local path TypeKro can read with yamlFile/yamlDirectory. */
export interface LocalManifests {
  readonly path: string;
  readonly directory: boolean;
}

/** The install manifests as a local path: downloads (and caches) a URL, resolves a path against the working directory. */
export async function localFluxManifests(source: string, options: { readonly refresh?: boolean; readonly timeoutMs?: number } = {}): Promise<LocalManifests> {
  if (!/^https?:\/\//.test(source)) {
    const path = resolve(source);
    if (!existsSync(path)) throw new TypeKroError('USAGE', `fluxManifests: ${path} does not exist; give the path of Flux's install.yaml (or a directory of manifests), or a URL`);
    return { path, directory: statSync(path).isDirectory() };
  }
  const dir = join(cacheRoot(), 'flux-manifests');
  const path = join(dir, `${createHash('sha256').update(source).digest('hex').slice(0, 16)}.yaml`);
  if (existsSync(path) && !options.refresh) return { path, directory: false };
  const text = await download(source, options.timeoutMs ?? 60_000);
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.part`;
  writeFileSync(partial, text);
  renameSync(partial, path);
  return { path, directory: false };
}

async function download(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new TypeKroError('ENVIRONMENT', `fluxManifests: cannot download ${url}: ${(error as Error).message}${causeOf(error)}. Without network access, pass fluxManifests: '<path of install.yaml>' (or a directory), or fluxInstallation: 'external' when Flux is installed already`);
  }
  if (!response.ok) {
    throw new TypeKroError('USAGE', `fluxManifests: ${url} answered HTTP ${response.status} ${response.statusText}; check fluxVersion (a Flux release tag such as "v2.7.5") or pass fluxManifests`);
  }
  return response.text();
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } }).cause;
  return cause ? ` (${cause.code ?? cause.message ?? ''})` : '';
}
