/**
 * Manifests for stored-form.cluster.test.ts: each built-in kind the kit models, with the fields whose stored
 * form differs from what is sent (quantities in many forms, fields the API server defaults), and the
 * comparison of a stored object with the kit's prediction.
 */
const DIGEST = `sha256:${'a'.repeat(64)}`;

const resources = { limits: { cpu: 0.5, memory: '1024Mi', 'ephemeral-storage': '2Gi' }, requests: { cpu: '250m', memory: '0.5Gi', 'ephemeral-storage': '1e9' } };

/** A pod spec with most defaulted sub-objects: probes, ports, env, volumes, several image forms. */
const podSpec = (restartPolicy?: string): Record<string, unknown> => ({
  ...(restartPolicy ? { restartPolicy } : {}),
  containers: [
    {
      name: 'web',
      image: 'nginx',
      ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
      resources,
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1000m' } } }],
      readinessProbe: { httpGet: { port: 80 } },
      livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
      startupProbe: { exec: { command: ['true'] } },
      lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
      volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
    },
    { name: 'tagged', image: 'nginx:1.27', resources: { requests: { cpu: '1.5', memory: '1.5Gi' } } },
    { name: 'latest', image: 'docker.io/library/nginx:latest', resources: { limits: { cpu: '100m', memory: '1000Mi' } } },
    { name: 'digest', image: `nginx@${DIGEST}`, resources: { limits: { cpu: '2000m', memory: '128974848' } } },
  ],
  initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'], resources: { limits: { cpu: '0.1', memory: '64Mi' } } }],
  volumes: [
    { name: 'cache', emptyDir: { sizeLimit: '1024Mi' } },
    { name: 'config', configMap: { name: 'app' } },
    { name: 'secret', secret: { secretName: 'app' } },
    { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'cpu', resourceFieldRef: { containerName: 'web', resource: 'limits.cpu', divisor: '1m' } }] } },
    { name: 'all', projected: { sources: [{ configMap: { name: 'app' } }, { serviceAccountToken: { path: 'token' } }] } },
    { name: 'host', hostPath: { path: '/tmp' } },
    { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1.5Gi' } } } } } },
  ],
});

const template = (labels: Record<string, string>, restartPolicy?: string) => ({ metadata: { labels }, spec: podSpec(restartPolicy) });

/** One manifest per case; the name of each is its case name. */
export const STORED_CASES: readonly Record<string, unknown>[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { level: 'debug' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'empty' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app' }, stringData: { password: 's3cret' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plain' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'node-port' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'balancer' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'headless' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'sticky' }, spec: { sessionAffinity: 'ClientIP', selector: { app: 'web' }, ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'recreate' }, spec: { replicas: 3, strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'r' } }, template: { metadata: { labels: { app: 'r' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'headless',
      selector: { matchLabels: { app: 'db' } },
      template: template({ app: 'db' }),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' }, limits: { storage: '10240Mi' } } } }],
    },
  },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }) } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: template({ app: 'migrate' }, 'Never') } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'batch', labels: { team: 'data' } }, spec: { completions: 3, backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: template({ app: 'nightly' }, 'Never') } } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' }, spec: podSpec() },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'claim' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0.5Ti' } } } },
  { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota' }, spec: { hard: { 'requests.cpu': '1.5', 'requests.memory': '2048Mi', pods: '10', 'limits.cpu': '1e1' } } },
];

/**
 * Fields the API server sets that the kit does not model, by pattern over the path, each with why. A path
 * matching one is left out of the comparison on both sides; any other difference fails.
 */
export const NOT_MODELLED: readonly (readonly [RegExp, string])[] = [
  [/^metadata\.(uid|resourceVersion|creationTimestamp|managedFields|generation|namespace)\b/, 'assigned per object (the observed states give uid, resourceVersion, generation, creationTimestamp stand-ins)'],
  [/^spec\.clusterIPs?\b/, 'allocated at random (a stand-in offline)'],
  [/\.nodePort$/, 'allocated at random (a stand-in offline)'],
  [/(controller-uid)/, 'the Job’s uid (a stand-in offline)'],
  [/^spec\.tolerations\b/, 'the DefaultTolerationSeconds admission plugin (node.kubernetes.io/not-ready, unreachable)'],
  [/^spec\.(priority|preemptionPolicy)$/, 'the Priority admission plugin'],
  [/^status\b/, 'written by the registry and controllers (the observed states model status)'],
];

/**
 * A Pod without the projected service account token volume the ServiceAccount admission plugin adds (named
 * at random, `kube-api-access-xxxxx`) and its mounts: not modelled.
 */
export function withoutTokenVolume(object: Record<string, unknown>): Record<string, unknown> {
  if (object.kind !== 'Pod') return object;
  const spec = object.spec as { volumes?: { name: string }[]; containers?: { volumeMounts?: { name: string }[] }[]; initContainers?: { volumeMounts?: { name: string }[] }[] };
  const token = (name: string): boolean => name.startsWith('kube-api-access-');
  const volumes = spec.volumes?.filter((v) => !token(v.name));
  const strip = (list?: { volumeMounts?: { name: string }[] }[]) =>
    list?.map(({ volumeMounts, ...c }) => {
      const kept = volumeMounts?.filter((m) => !token(m.name));
      return kept && kept.length > 0 ? { ...c, volumeMounts: kept } : c;
    });
  return { ...object, spec: { ...spec, ...(volumes ? { volumes } : {}), ...(spec.containers ? { containers: strip(spec.containers) } : {}), ...(spec.initContainers ? { initContainers: strip(spec.initContainers) } : {}) } };
}

/** Leaves by path (`spec.ports[0].port`); an empty object or list is a leaf, as JSON shows it. */
export function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) value.forEach((item, i) => leaves(item, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) for (const [key, item] of Object.entries(value)) leaves(item, path ? `${path}.${key}` : key, out);
  else out.set(path, value);
  return out;
}

/** Every path where the stored object and the prediction differ, unless NOT_MODELLED explains it. */
export function differences(stored: Record<string, unknown>, predicted: Record<string, unknown>): string[] {
  const left = leaves(withoutTokenVolume(stored));
  const right = leaves(predicted);
  const out: string[] = [];
  for (const path of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    if (NOT_MODELLED.some(([pattern]) => pattern.test(path))) continue;
    const a = left.get(path);
    const b = right.get(path);
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: API server ${JSON.stringify(a)}, kit ${JSON.stringify(b)}`);
  }
  return out;
}
