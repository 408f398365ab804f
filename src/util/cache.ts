import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `${TYPEKRO_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/typekro}`: rebuildable data (binaries, downloads).
 *
 * @example
 * ```ts
 * cacheRoot({ TYPEKRO_CACHE_DIR: '/tmp/tk' }); // '/tmp/tk'
 * ```
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TYPEKRO_CACHE_DIR) return env.TYPEKRO_CACHE_DIR;
  const xdg = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'typekro');
}
