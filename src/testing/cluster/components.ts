import { join } from 'node:path';
import type { ClusterBinaries } from './binaries.js';
import type { Pki } from './pki.js';
import { fluxEnv, helmControllerArgs, sourceControllerArgs } from './flux-args.js';
import { certManagerArgs, externalDnsArgs } from './optional-args.js';
import type { ComponentName, SpawnSpec } from './process.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * Every port a cluster listens on; all bound to 127.0.0.1.
 *
 * @example
 * import type { ClusterPorts } from 'typekro/testing';
 * const apiserver = (ports: ClusterPorts): string => `https://127.0.0.1:${ports.apiserver}`;
 * apiserver({ apiserver: 6443 } as ClusterPorts); // => 'https://127.0.0.1:6443'
 */
export interface ClusterPorts {
  readonly etcd: number;
  readonly etcdPeer: number;
  readonly apiserver: number;
  readonly controllerManager: number;
  readonly scheduler: number;
  readonly kroHealth: number;
  readonly kroMetrics: number;
  /** Flux source-controller's artifact server (HTTP); allocated even when Flux is off, then unused. */
  readonly fluxStorage: number;
  readonly fluxSourceHealth: number;
  readonly fluxSourceMetrics: number;
  readonly fluxHelmHealth: number;
  readonly fluxHelmMetrics: number;
  /** The optional controllers' probes; allocated even when they are off, then unused. */
  readonly certManagerHealth: number;
  readonly externalDnsMetrics: number;
}

export const PORT_COUNT = 14;

export function portsFrom(list: readonly number[]): ClusterPorts {
  const at = (i: number): number => {
    const port = list[i];
    if (port === undefined) throw new TypeKroError('ENVIRONMENT', `need ${PORT_COUNT} ports, got ${list.length}`);
    return port;
  };
  return {
    etcd: at(0),
    etcdPeer: at(1),
    apiserver: at(2),
    controllerManager: at(3),
    scheduler: at(4),
    kroHealth: at(5),
    kroMetrics: at(6),
    fluxStorage: at(7),
    fluxSourceHealth: at(8),
    fluxSourceMetrics: at(9),
    fluxHelmHealth: at(10),
    fluxHelmMetrics: at(11),
    certManagerHealth: at(12),
    externalDnsMetrics: at(13),
  };
}

/** What the argument builders need to know about a cluster being started. */
export interface ComponentContext {
  readonly dir: string;
  readonly bins: ClusterBinaries;
  readonly pki: Pki;
  readonly ports: ClusterPorts;
  readonly kubeconfig: string;
  readonly kwokStages: readonly string[];
  readonly kroFeatureGates: string;
  readonly extraArgs: Partial<Record<ComponentName, readonly string[]>>;
}

const LOCAL = '127.0.0.1';

function etcdArgs(c: ComponentContext): string[] {
  const client = `http://${LOCAL}:${c.ports.etcd}`;
  const peer = `http://${LOCAL}:${c.ports.etcdPeer}`;
  return [
    '--name=node0',
    `--data-dir=${join(c.dir, 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=node0=${peer}`,
    '--auto-compaction-retention=1',
    // throwaway data: skipping fsync makes every write (and so every test) faster
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

function apiserverArgs(c: ComponentContext): string[] {
  return [
    `--etcd-servers=http://${LOCAL}:${c.ports.etcd}`,
    `--bind-address=${LOCAL}`,
    // mandatory: without a default route the apiserver cannot pick an address and exits
    `--advertise-address=${LOCAL}`,
    `--secure-port=${c.ports.apiserver}`,
    `--cert-dir=${join(c.pki.dir, 'apiserver')}`,
    `--tls-cert-file=${c.pki.adminCert}`,
    `--tls-private-key-file=${c.pki.adminKey}`,
    `--client-ca-file=${c.pki.caCert}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${c.pki.saPub}`,
    `--service-account-signing-key-file=${c.pki.saKey}`,
    '--service-cluster-ip-range=10.96.0.0/12',
    // endpoints may not be loopback addresses, so the `kubernetes` Service cannot point at us: do not try
    '--endpoint-reconciler-type=none',
    // front-proxy settings: KCM and the scheduler read them for delegated authentication (and complain without)
    `--requestheader-client-ca-file=${c.pki.caCert}`,
    // required as the CA is shared with client certs; only the proxy client's CN may set identity headers
    '--requestheader-allowed-names=typekro-admin',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${c.pki.adminCert}`,
    `--proxy-client-key-file=${c.pki.adminKey}`,
    '--authorization-mode=Node,RBAC',
    '--allow-privileged=true',
    // one client (the tests) and no tenants: queueing would only add latency
    '--enable-priority-and-fairness=false',
    '--max-requests-inflight=0',
    '--max-mutating-requests-inflight=0',
    '--profiling=false',
  ];
}

function controlArgs(c: ComponentContext, port: number, name: string): string[] {
  return [
    `--kubeconfig=${c.kubeconfig}`,
    `--authentication-kubeconfig=${c.kubeconfig}`,
    `--authorization-kubeconfig=${c.kubeconfig}`,
    '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
    `--bind-address=${LOCAL}`,
    `--secure-port=${port}`,
    `--cert-dir=${join(c.pki.dir, name)}`,
    '--leader-elect=false',
    '--profiling=false',
  ];
}

function kcmArgs(c: ComponentContext): string[] {
  return [
    ...controlArgs(c, c.ports.controllerManager, 'kube-controller-manager'),
    `--root-ca-file=${c.pki.caCert}`,
    `--service-account-private-key-file=${c.pki.saKey}`,
  ];
}

function kwokArgs(c: ComponentContext): string[] {
  return [
    `--kubeconfig=${c.kubeconfig}`,
    '--manage-all-nodes=true',
    ...c.kwokStages.map((s) => `--config=${s}`),
    '--node-lease-duration-seconds=40',
    '--cidr=10.244.0.0/16',
    // no --server-address: no kubelet-like HTTP listener (nothing needs logs/exec of fake pods)
  ];
}

function kroArgs(c: ComponentContext): string[] {
  return [
    `--kubeconfig=${c.kubeconfig}`,
    `--health-probe-bind-address=${LOCAL}:${c.ports.kroHealth}`,
    `--metrics-bind-address=${LOCAL}:${c.ports.kroMetrics}`,
    `--feature-gates=${c.kroFeatureGates}`,
    '--graceful-shutdown-timeout=5s',
  ];
}

const BUILDERS: Record<ComponentName, (c: ComponentContext) => string[]> = {
  etcd: etcdArgs,
  'kube-apiserver': apiserverArgs,
  'kube-controller-manager': kcmArgs,
  'kube-scheduler': (c) => controlArgs(c, c.ports.scheduler, 'kube-scheduler'),
  kwok: kwokArgs,
  'kro-controller': kroArgs,
  'source-controller': sourceControllerArgs,
  'helm-controller': helmControllerArgs,
  'cert-manager-controller': certManagerArgs,
  'external-dns': externalDnsArgs,
};

function executable(name: ComponentName, bins: ClusterBinaries): string {
  if (name !== 'cert-manager-controller' && name !== 'external-dns') return bins.paths[name];
  const path = bins.optionalPaths[name];
  if (!path) throw new TypeKroError('USAGE', `${name} was not built with these binaries: pass optional: ['${name === 'external-dns' ? 'external-dns' : 'cert-manager'}'] to ensureClusterBinaries`);
  return path;
}

/** The spawn spec of one component: binary, flags (plus any extra ones), log file and environment. */
export function componentSpec(name: ComponentName, c: ComponentContext): SpawnSpec {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KUBECONFIG; // every component gets --kubeconfig; an inherited one must not win anywhere
  // kwok would otherwise also read ~/.kwok/kwok.yaml (a user's own stages) if it exists
  if (name === 'kwok') env.KWOK_WORKDIR = join(c.dir, 'kwok');
  if (name === 'source-controller' || name === 'helm-controller') Object.assign(env, fluxEnv(c));
  return {
    name,
    exe: executable(name, c.bins),
    args: [...BUILDERS[name](c), ...(c.extraArgs[name] ?? [])],
    logPath: join(c.dir, 'logs', `${name}.log`),
    cwd: c.dir,
    env,
  };
}
