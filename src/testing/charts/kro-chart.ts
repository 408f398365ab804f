import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planBuild } from '../cluster/build-plan.js';
import { moduleDir } from '../cluster/go.js';
import { TypeKroError } from '../../util/errors.js';

/** The implementation behind `typekro/testing`'s kroChartDir (src/testing/cluster-lazy.ts documents it). */
export async function kroChartDir(): Promise<string> {
  const { versions, wrappers } = planBuild();
  const dir = join(await moduleDir(wrappers.kro, 'github.com/kubernetes-sigs/kro', versions.kro), 'helm');
  if (!existsSync(join(dir, 'Chart.yaml'))) throw new TypeKroError('ENVIRONMENT', `KRO's Helm chart is not at ${dir}: the module at ${versions.kro} has no helm/Chart.yaml`);
  return dir;
}
