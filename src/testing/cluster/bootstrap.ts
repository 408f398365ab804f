import type { ClusterPorts } from './components.js';
import { insecureAgent, request, type AdminClient } from './http.js';
import type { KubeObject } from './upstream.js';

/**
 * The fake node kwok manages: one is enough for scheduling, and a fixed name keeps tests predictable.
 *
 * @example
 * ```ts
 * import { NODE_NAME } from 'typekro/testing';
 * NODE_NAME; // => 'kwok-node-0'
 * ```
 */
export const NODE_NAME = 'kwok-node-0';

const NODE = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: NODE_NAME,
    // no kwok NoSchedule taint: every pod may land here without tolerations
    annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
    labels: { type: 'kwok', 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
  },
};

interface Condition {
  readonly type?: string;
  readonly status?: string;
}

function conditionTrue(object: unknown, type: string): boolean {
  const status = (object as { status?: { conditions?: Condition[] } } | undefined)?.status;
  return status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

export async function etcdHealthy(ports: ClusterPorts): Promise<boolean> {
  const res = await request(`http://127.0.0.1:${ports.etcd}/health`);
  return res.status === 200 && res.body.includes('"health":"true"');
}

export async function apiserverReady(admin: AdminClient): Promise<boolean> {
  return (await admin.get('/readyz')).status === 200;
}

export async function secureHealthy(port: number): Promise<boolean> {
  return (await request(`https://127.0.0.1:${port}/healthz`, { agent: insecureAgent })).status === 200;
}

export async function kroHealthy(ports: ClusterPorts): Promise<boolean> {
  const [health, ready] = await Promise.all(['healthz', 'readyz'].map((p) => request(`http://127.0.0.1:${ports.kroHealth}/${p}`)));
  return health?.status === 200 && ready?.status === 200;
}

export async function createNode(admin: AdminClient): Promise<void> {
  await admin.create('/api/v1/nodes', NODE);
}

/** Ready, and KCM has lifted the not-ready taints (until then the scheduler keeps pods Pending). */
export async function nodeReady(admin: AdminClient): Promise<boolean> {
  const node = (await admin.getJson(`/api/v1/nodes/${NODE_NAME}`)) as { spec?: { taints?: { key?: string }[] } } | undefined;
  const blocking = node?.spec?.taints?.some((t) => t.key?.startsWith('node.kubernetes.io/')) ?? false;
  return conditionTrue(node, 'Ready') && !blocking;
}

/** The ServiceAccount admission plugin rejects pods until KCM has created `default`. */
export async function defaultServiceAccount(admin: AdminClient): Promise<boolean> {
  return (await admin.getJson('/api/v1/namespaces/default/serviceaccounts/default')) !== undefined;
}

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

export async function applyCrds(admin: AdminClient, crds: readonly KubeObject[]): Promise<void> {
  await Promise.all(crds.map((crd) => admin.create(CRD_PATH, crd)));
}

export async function crdsEstablished(admin: AdminClient, crds: readonly KubeObject[]): Promise<boolean> {
  const states = await Promise.all(
    crds.map(async (crd) => conditionTrue(await admin.getJson(`${CRD_PATH}/${crd.metadata?.name ?? ''}`), 'Established')),
  );
  return states.every(Boolean);
}
