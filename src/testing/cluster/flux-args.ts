import { join } from 'node:path';

/**
 * The namespace Flux's controllers consider their own (`RUNTIME_NAMESPACE`); created at start.
 *
 * @example
 * import { FLUX_NAMESPACE } from 'typekro/testing';
 * FLUX_NAMESPACE; // => 'flux-system'
 */
export const FLUX_NAMESPACE = 'flux-system';

/** What the Flux argument builders read of a cluster being started (structural: no import of components.ts). */
export interface FluxArgsContext {
  readonly dir: string;
  readonly kubeconfig: string;
  readonly ports: {
    readonly fluxStorage: number;
    readonly fluxSourceHealth: number;
    readonly fluxSourceMetrics: number;
    readonly fluxHelmHealth: number;
    readonly fluxHelmMetrics: number;
  };
}

const LOCAL = '127.0.0.1';

/** Where source-controller keeps artifacts (inside the cluster directory, so stop() removes them). */
export function fluxStoragePath(dir: string): string {
  return join(dir, 'flux-storage');
}

/** Both controllers default every listener to `:port` on all interfaces, and both health ports to :9440. */
export function sourceControllerArgs(c: FluxArgsContext): string[] {
  const storage = `${LOCAL}:${c.ports.fluxStorage}`;
  return [
    `--storage-path=${fluxStoragePath(c.dir)}`,
    `--storage-addr=${storage}`,
    // the URL written into artifacts; helm-controller downloads charts from it
    `--storage-adv-addr=${storage}`,
    `--metrics-addr=${LOCAL}:${c.ports.fluxSourceMetrics}`,
    `--health-addr=${LOCAL}:${c.ports.fluxSourceHealth}`,
    '--events-addr=',
    '--watch-all-namespaces=true',
    '--log-level=info',
  ];
}

export function helmControllerArgs(c: FluxArgsContext): string[] {
  return [
    `--metrics-addr=${LOCAL}:${c.ports.fluxHelmMetrics}`,
    `--health-addr=${LOCAL}:${c.ports.fluxHelmHealth}`,
    '--events-addr=',
    '--watch-all-namespaces=true',
    '--log-level=info',
    // default 600 s: a stop would always run into the supervisor's SIGKILL
    '--graceful-shutdown-timeout=5s',
    // default 30 s: a release waiting for its chart would report the chart's error only that late
    '--requeue-dependency=5s',
  ];
}

/** Neither controller has a `--kubeconfig` flag: controller-runtime reads KUBECONFIG. */
export function fluxEnv(c: FluxArgsContext): NodeJS.ProcessEnv {
  return { KUBECONFIG: c.kubeconfig, RUNTIME_NAMESPACE: FLUX_NAMESPACE };
}
