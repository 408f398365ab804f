/**
 * Choosing the cluster the way kubectl does: an explicit kubeconfig file, else `$KUBECONFIG`, else
 * `~/.kube/config`; the current context unless one is named.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

import { KubeconfigError } from './errors.js';

/**
 * Which cluster: a KubeConfig, a kubeconfig file, and a context (otherwise as kubectl chooses).
 *
 * @example
 * import type { ClusterTarget } from 'typekro';
 * const target: ClusterTarget = { kubeconfig: '/home/me/.kube/config', context: 'dev' };
 * target.context; // => 'dev'
 */
export interface ClusterTarget {
  /** A ready KubeConfig (wins over the file options). */
  readonly kubeConfig?: KubeConfig;
  /** Path of a kubeconfig file. */
  readonly kubeconfig?: string;
  /** Context name; defaults to the file's current context. */
  readonly context?: string;
  /** Do not verify the API server's certificate (as kubectl's --insecure-skip-tls-verify); default false. */
  readonly skipTLSVerify?: boolean;
}

export { KubeconfigError } from './errors.js';

/** `env` is where `$KUBECONFIG` is read (default: the process's environment). */
export function loadKubeConfig(target: ClusterTarget = {}, env: Readonly<Record<string, string | undefined>> = process.env): KubeConfig {
  const config = loadTarget(target, env);
  return target.skipTLSVerify ? insecureCopy(config) : config;
}

/** A copy whose clusters skip certificate verification; the caller's KubeConfig is left as it is. */
function insecureCopy(config: KubeConfig): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: config.clusters.map((cluster) => ({ ...cluster, skipTLSVerify: true })),
    users: config.users,
    contexts: config.contexts,
    currentContext: config.currentContext,
  });
  return copy;
}

function loadTarget(target: ClusterTarget, env: Readonly<Record<string, string | undefined>>): KubeConfig {
  if (target.kubeConfig) return withContext(target.kubeConfig, target.context, 'the given KubeConfig');
  const files = target.kubeconfig ? [target.kubeconfig] : (env.KUBECONFIG ?? '').split(':').filter(Boolean);
  const candidates = files.length > 0 ? files : [join(homedir(), '.kube', 'config')];
  const existing = candidates.filter((file) => existsSync(file));
  if (existing.length === 0) {
    const local = localClusterKubeconfigs(env);
    const way = local.length > 0
      ? `a local cluster started by "typekro cluster start" is running: pass --kubeconfig ${local[0]} (or export KUBECONFIG=${local[0]})`
      : 'pass --kubeconfig, set KUBECONFIG, or start a local cluster with "typekro cluster start" and pass the kubeconfig path it prints';
    throw new KubeconfigError(`no kubeconfig found (looked at ${candidates.join(', ')}); ${way}`);
  }
  const config = new KubeConfig();
  try {
    // The first file wins for the current context, as kubectl merges KUBECONFIG.
    config.loadFromFile(existing[0]!);
    for (const file of existing.slice(1)) {
      const extra = new KubeConfig();
      extra.loadFromFile(file);
      config.mergeConfig(extra, true);
    }
  } catch (error) {
    throw new KubeconfigError(`cannot read kubeconfig ${existing.join(', ')}: ${(error as Error).message}`);
  }
  return withContext(config, target.context, existing.join(', '));
}

function withContext(config: KubeConfig, context: string | undefined, origin: string): KubeConfig {
  if (context) {
    if (!config.getContextObject(context)) {
      const known = config.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new KubeconfigError(`context "${context}" not found in ${origin} (known contexts: ${known})`);
    }
    config.setCurrentContext(context);
  }
  if (!config.getCurrentCluster()) {
    throw new KubeconfigError(`kubeconfig ${origin} has no current context with a cluster; pass --context`);
  }
  return config;
}

/**
 * The kubeconfigs of local clusters `typekro cluster start` left running (`${TYPEKRO_HOME:-~/.typekro}/clusters/<name>`):
 * named in the error when no kubeconfig was given, never used without being asked for.
 */
function localClusterKubeconfigs(env: Readonly<Record<string, string | undefined>>): string[] {
  const root = join(env.TYPEKRO_HOME || join(homedir(), '.typekro'), 'clusters');
  try {
    return readdirSync(root)
      .map((name) => join(root, name, 'kubeconfig'))
      .filter((file) => existsSync(file));
  } catch {
    return [];
  }
}
