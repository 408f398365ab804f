import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planBuild } from '../cluster/build-plan.js';
import { moduleDir } from '../cluster/go.js';
import { TypeKroError } from '../../util/errors.js';

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
  const { versions, wrappers } = planBuild();
  const dir = join(await moduleDir(wrappers.kro, 'github.com/kubernetes-sigs/kro', versions.kro), 'helm');
  if (!existsSync(join(dir, 'Chart.yaml'))) throw new TypeKroError('ENVIRONMENT', `KRO's Helm chart is not at ${dir}: the module at ${versions.kro} has no helm/Chart.yaml`);
  return dir;
}
