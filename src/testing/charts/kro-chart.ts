import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planBuild } from '../cluster/binaries.js';

const KRO_MODULE = 'github.com/kubernetes-sigs/kro';

/** Module-cache path escaping (golang.org/x/mod/module.EscapePath): an upper-case letter becomes '!' + lower case. */
function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

function go(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('go', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('Go is needed to locate KRO\'s Helm chart in the module cache (https://go.dev/dl): `go` not found', { cause: error });
    }
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`go ${args.join(' ')} (in ${cwd}) failed: ${stderr || (error as Error).message}`, { cause: error });
  }
}

/**
 * The directory of KRO's Helm chart (`helm/` of the KRO module) in the Go module cache, for the KRO version the
 * cluster binaries are built from (tools/kro/go.mod). The module is there once the cluster binaries were built;
 * if it is not, it is downloaded (`go mod download` in tools/kro, so go.sum is checked).
 *
 * @example
 * ```ts
 * import { kroChartDir, startChartRepository } from 'typekro/testing';
 * const repo = await startChartRepository({ charts: [kroChartDir()] });
 * console.log(repo.charts[0]?.name); // kro
 * await repo.stop();
 * ```
 */
export function kroChartDir(): string {
  const { versions, wrappers } = planBuild();
  const modCache = go(['env', 'GOMODCACHE'], wrappers.kro).trim();
  if (!modCache) throw new Error('`go env GOMODCACHE` is empty: set GOMODCACHE or GOPATH');
  const dir = join(modCache, `${escapeModulePath(KRO_MODULE)}@${versions.kro}`, 'helm');
  if (!existsSync(join(dir, 'Chart.yaml'))) {
    go(['mod', 'download', `${KRO_MODULE}@${versions.kro}`], wrappers.kro);
    if (!existsSync(join(dir, 'Chart.yaml'))) {
      throw new Error(
        `KRO's Helm chart is not at ${dir} after \`go mod download ${KRO_MODULE}@${versions.kro}\` in ${wrappers.kro}`,
      );
    }
  }
  return dir;
}
