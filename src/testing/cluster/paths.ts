import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TypeKroError } from '../../util/errors.js';

/**
 * The package root, found by walking up from this file to the `package.json` named `typekro`.
 * Walking (rather than a fixed `../../..`) keeps it right both for `src/` under tsx and for `dist/` when installed.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === 'typekro') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new TypeKroError('ENVIRONMENT', `typekro package root not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function readPackageName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') {
      return parsed.name;
    }
  } catch {
    // an unreadable package.json is not ours; keep walking
  }
  return undefined;
}

/** The Go wrapper modules (tools/k8s, tools/kwok, tools/kro) ship in the npm package next to dist/. */
export function toolsDir(): string {
  return join(packageRoot(), 'tools');
}

export { cacheRoot } from '../../util/cache.js';

/** `${TYPEKRO_HOME:-~/.typekro}`: state of clusters started by the CLI, which outlive the command. */
export function stateRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.TYPEKRO_HOME || join(homedir(), '.typekro');
}
