import { formatDuration } from './build.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * Default bound of a binaries build: generous, because a cold build compiles Kubernetes, etcd, kwok, KRO and Flux
 * (16 minutes on an idle 2-core machine, 50 on a busy one), yet finite so a stuck build surfaces.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { DEFAULT_BUILD_TIMEOUT_MS, startLocalCluster } from 'typekro/testing';
 * const cluster = await startLocalCluster({ buildTimeoutMs: 2 * DEFAULT_BUILD_TIMEOUT_MS }); // a slow machine
 * await cluster.stop();
 * ```
 */
export const DEFAULT_BUILD_TIMEOUT_MS = 90 * 60_000;

/**
 * The environment variable (minutes) that sets the bound where no option reaches the code (`npm test`, `scripts/demo.sh`).
 *
 * @example
 * ```ts
 * import { BUILD_TIMEOUT_ENV } from 'typekro/testing';
 * BUILD_TIMEOUT_ENV; // => 'TYPEKRO_BUILD_TIMEOUT_MINUTES'
 * // in a shell: TYPEKRO_BUILD_TIMEOUT_MINUTES=180 npm test
 * ```
 */
export const BUILD_TIMEOUT_ENV = 'TYPEKRO_BUILD_TIMEOUT_MINUTES';

const HOW_TO_RAISE =
  `raise the bound with buildTimeoutMs (startLocalCluster, ensureClusterBinaries), ` +
  `--build-timeout <minutes> (typekro cluster start / build) or ${BUILD_TIMEOUT_ENV}=<minutes> (npm test, scripts/demo.sh)`;

/**
 * Building the control-plane binaries passed its bound. Names what was being built (or whose build was waited
 * for) and how to raise the bound; packages compiled so far stay in the Go build cache, so a rerun resumes.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { BuildTimeoutError, ensureClusterBinaries } from 'typekro/testing';
 * await ensureClusterBinaries({ buildTimeoutMs: 60 * 60_000 }).catch((error: unknown) => {
 *   if (error instanceof BuildTimeoutError) console.error(`still ${error.activity} after ${error.timeoutMs} ms`);
 *   throw error;
 * });
 * ```
 */
export class BuildTimeoutError extends TypeKroError {
  constructor(
    readonly timeoutMs: number,
    /** What was under way, e.g. `building kubernetes (go build k8s.io/kubernetes/cmd/kube-apiserver ...)`. */
    readonly activity: string,
    detail: string,
  ) {
    super(
      'TIMEOUT',
      `building the local control plane timed out after ${formatDuration(timeoutMs)}, while ${activity}` +
        `${detail ? `\n${detail}` : ''}\n` +
        `A cold build compiles Kubernetes, etcd, kwok, KRO and Flux from source and can take 50 minutes or more on a ` +
        `small or busy machine: ${HOW_TO_RAISE}. What was compiled so far stays in the Go build cache, so a rerun ` +
        `continues from there.`,
    );
    this.name = 'BuildTimeoutError';
  }
}

/**
 * The build bound in milliseconds: the option, else `TYPEKRO_BUILD_TIMEOUT_MINUTES`, else 90 minutes.
 * Rejects values that are not positive numbers, naming where they came from.
 */
export function resolveBuildTimeout(optionMs: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (optionMs !== undefined) {
    if (!Number.isFinite(optionMs) || optionMs <= 0) {
      throw new TypeKroError('USAGE', `buildTimeoutMs must be a positive number of milliseconds, got ${String(optionMs)}`);
    }
    return optionMs;
  }
  const raw = env[BUILD_TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_BUILD_TIMEOUT_MS;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new TypeKroError('USAGE', `${BUILD_TIMEOUT_ENV} must be a positive number of minutes (e.g. 120), got "${raw}"`);
  }
  return minutes * 60_000;
}
