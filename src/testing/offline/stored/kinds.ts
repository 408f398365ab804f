/**
 * The API server's defaults of the built-in kinds, restated from k8s.io/kubernetes pkg/apis/{core,apps,batch}/v1
 * defaults.go (v1.36) and from what the kinds' registry strategies set on create where it does not depend
 * on the cluster's state. What is allocated at random (a Service's `clusterIP`, a `nodePort`, a Job's
 * `controller-uid`) gets a fixed stand-in from documentation ranges, so an expression that reads it has a
 * value offline, as on a cluster; test/testing/stored-form.cluster.test.ts holds the rest to a live API
 * server.
 */
import { child, claimSpec, fill, isFields, items, podSpec, podTemplate, type Fields } from './pod.js';

/** The stand-in of an allocated cluster IP (the service CIDR of a default cluster is 10.96.0.0/12). */
export const STAND_IN_CLUSTER_IP = '10.96.0.10';
/** The first stand-in node port; the n-th port gets this plus n (the default node port range is 30000-32767). */
export const STAND_IN_NODE_PORT = 30000;
/** The uid the observed states give an object (states.ts), also in a Job's generated selector. */
export const STAND_IN_UID = '00000000-0000-4000-8000-000000000001';

function service(object: Fields): void {
  const spec = child(object, 'spec');
  fill(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  else if (spec.sessionAffinity === 'ClientIP') fill(child(child(spec, 'sessionAffinityConfig'), 'clientIP'), 'timeoutSeconds', 10800);
  fill(spec, 'type', 'ClusterIP');
  const type = spec.type;
  items(spec, 'ports').forEach((port, i) => {
    fill(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
    if (type === 'NodePort' || type === 'LoadBalancer') fill(port, 'nodePort', STAND_IN_NODE_PORT + i);
  });
  const external = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (external) fill(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') fill(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') fill(spec, 'allocateLoadBalancerNodePorts', true);
  if (type === 'ExternalName') return;
  // Allocated on create; the families are those of a single-stack IPv4 cluster.
  fill(spec, 'clusterIP', STAND_IN_CLUSTER_IP);
  fill(spec, 'clusterIPs', [spec.clusterIP]);
  fill(spec, 'ipFamilies', ['IPv4']);
  fill(spec, 'ipFamilyPolicy', 'SingleStack');
}

/**
 * A strategy that defaults to `RollingUpdate` (a Deployment's `strategy`, a DaemonSet's `updateStrategy`), whose
 * `rollingUpdate` then gets `defaults`, in that order; another type given keeps no `rollingUpdate` defaults.
 */
function rollingUpdate(spec: Fields, key: string, defaults: Readonly<Fields>): void {
  const strategy = child(spec, key);
  fill(strategy, 'type', 'RollingUpdate');
  if (strategy.type !== 'RollingUpdate') return;
  const rolling = child(strategy, 'rollingUpdate');
  for (const [field, value] of Object.entries(defaults)) fill(rolling, field, value);
}

function deployment(object: Fields): void {
  const spec = child(object, 'spec');
  fill(spec, 'replicas', 1);
  rollingUpdate(spec, 'strategy', { maxUnavailable: '25%', maxSurge: '25%' });
  fill(spec, 'revisionHistoryLimit', 10);
  fill(spec, 'progressDeadlineSeconds', 600);
  podTemplate(spec.template);
}

function statefulSet(object: Fields): void {
  const spec = child(object, 'spec');
  fill(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  if (strategy.type === undefined || strategy.type === null) {
    strategy.type = 'RollingUpdate';
    child(strategy, 'rollingUpdate');
  }
  if (strategy.type === 'RollingUpdate' && isFields(strategy.rollingUpdate)) fill(strategy.rollingUpdate, 'partition', 0);
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  fill(retention, 'whenDeleted', 'Retain');
  fill(retention, 'whenScaled', 'Retain');
  fill(spec, 'replicas', 1);
  fill(spec, 'revisionHistoryLimit', 10);
  podTemplate(spec.template);
  for (const claim of items(spec, 'volumeClaimTemplates')) {
    // The StatefulSet strategy names each claim template's kind.
    fill(claim, 'apiVersion', 'v1');
    fill(claim, 'kind', 'PersistentVolumeClaim');
    claimSpec(child(claim, 'spec'));
    fill(child(claim, 'status'), 'phase', 'Pending');
  }
}

function daemonSet(object: Fields): void {
  // The DaemonSet strategy records the template generation on create.
  fill(child(child(object, 'metadata'), 'annotations'), 'deprecated.daemonset.template.generation', '1');
  const spec = child(object, 'spec');
  rollingUpdate(spec, 'updateStrategy', { maxUnavailable: 1, maxSurge: 0 });
  fill(spec, 'revisionHistoryLimit', 10);
  podTemplate(spec.template);
}

function replicaSet(object: Fields): void {
  const spec = child(object, 'spec');
  fill(spec, 'replicas', 1);
  podTemplate(spec.template);
}

/**
 * SetDefaults_Job, the Job strategy's generated selector and template labels (unless `manualSelector`), and
 * then the Job's own labels from its template's when it has none: with server-side apply the API server
 * defaults the object once more after the strategy, so they include the generated ones.
 */
function job(object: Fields): void {
  jobSpec(child(object, 'spec'));
  const spec = object.spec as Fields;
  const metadata = child(object, 'metadata');
  const template = child(spec, 'template');
  if (spec.manualSelector !== true) {
    const uid = typeof metadata.uid === 'string' ? metadata.uid : STAND_IN_UID;
    const generated = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': metadata.name, 'controller-uid': uid, 'job-name': metadata.name };
    fill(spec, 'selector', { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const templateMetadata = child(template, 'metadata');
    templateMetadata.labels = { ...generated, ...(isFields(templateMetadata.labels) ? templateMetadata.labels : {}) };
  }
  const labels = isFields(template.metadata) && isFields(template.metadata.labels) ? template.metadata.labels : undefined;
  if (labels && (!isFields(metadata.labels) || Object.keys(metadata.labels).length === 0)) metadata.labels = { ...labels };
}

/** SetDefaults_Job's spec part (also what a CronJob's job template gets once its Job is created). */
function jobSpec(spec: Fields): void {
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  fill(spec, 'parallelism', 1);
  fill(spec, 'backoffLimit', spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? 2147483647 : 6);
  fill(spec, 'completionMode', 'NonIndexed');
  fill(spec, 'suspend', false);
  fill(spec, 'podReplacementPolicy', spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null ? 'Failed' : 'TerminatingOrFailed');
  fill(spec, 'manualSelector', false);
  podTemplate(spec.template);
}

function cronJob(object: Fields): void {
  const spec = child(object, 'spec');
  fill(spec, 'concurrencyPolicy', 'Allow');
  fill(spec, 'suspend', false);
  fill(spec, 'successfulJobsHistoryLimit', 3);
  fill(spec, 'failedJobsHistoryLimit', 1);
  const template = spec.jobTemplate;
  if (!isFields(template)) return;
  fill(template, 'metadata', {});
  if (isFields(template.spec)) podTemplate(template.spec.template);
}

/** SetDefaults_Pod (requests from limits, service links) and the pod spec's defaults; admission's service account. */
function pod(object: Fields): void {
  const spec = child(object, 'spec');
  for (const key of ['containers', 'initContainers']) {
    for (const container of items(spec, key)) {
      const resources = container.resources;
      if (!isFields(resources) || !isFields(resources.limits)) continue;
      const requests = child(resources, 'requests');
      for (const [name, value] of Object.entries(resources.limits)) fill(requests, name, value);
    }
  }
  fill(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) for (const key of ['containers', 'initContainers']) for (const container of items(spec, key)) for (const port of items(container, 'ports')) fill(port, 'hostPort', port.containerPort);
  podSpec(spec);
  // The ServiceAccount admission plugin (on by default) names the account, in both fields.
  fill(spec, 'serviceAccountName', typeof spec.serviceAccount === 'string' ? spec.serviceAccount : 'default');
  fill(spec, 'serviceAccount', spec.serviceAccountName);
}

/** The StorageObjectInUseProtection admission plugin (on by default) adds its finalizer on create. */
function protectedBy(object: Fields, finalizer: string): void {
  const metadata = child(object, 'metadata');
  const finalizers = Array.isArray(metadata.finalizers) ? (metadata.finalizers as unknown[]) : [];
  if (!finalizers.includes(finalizer)) metadata.finalizers = [...finalizers, finalizer];
}

function persistentVolumeClaim(object: Fields): void {
  protectedBy(object, 'kubernetes.io/pvc-protection');
  claimSpec(child(object, 'spec'));
}

function persistentVolume(object: Fields): void {
  protectedBy(object, 'kubernetes.io/pv-protection');
  const spec = child(object, 'spec');
  fill(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  fill(spec, 'volumeMode', 'Filesystem');
}

function limitRange(object: Fields): void {
  for (const limit of items(child(object, 'spec'), 'limits')) {
    if (limit.type !== 'Container') continue;
    const defaults = child(limit, 'default');
    const requests = child(limit, 'defaultRequest');
    for (const [name, value] of Object.entries(isFields(limit.max) ? limit.max : {})) fill(defaults, name, value);
    for (const [name, value] of Object.entries(defaults)) fill(requests, name, value);
    for (const [name, value] of Object.entries(isFields(limit.min) ? limit.min : {})) fill(requests, name, value);
  }
}

function namespace(object: Fields): void {
  const metadata = child(object, 'metadata');
  if (typeof metadata.name === 'string' && metadata.name !== '') child(metadata, 'labels')['kubernetes.io/metadata.name'] = metadata.name;
  fill(child(object, 'spec'), 'finalizers', ['kubernetes']);
}

const BY_KIND: Readonly<Record<string, (object: Fields) => void>> = {
  'v1/Service': service,
  'v1/Pod': pod,
  'v1/PodTemplate': (object) => podTemplate(object.template),
  'v1/ReplicationController': (object) => {
    fill(child(object, 'spec'), 'replicas', 1);
    podTemplate((object.spec as Fields).template);
  },
  'v1/Secret': (object) => fill(object, 'type', 'Opaque'),
  'v1/PersistentVolumeClaim': persistentVolumeClaim,
  'v1/PersistentVolume': persistentVolume,
  'v1/LimitRange': limitRange,
  'v1/Namespace': namespace,
  'apps/v1/Deployment': deployment,
  'apps/v1/StatefulSet': statefulSet,
  'apps/v1/DaemonSet': daemonSet,
  'apps/v1/ReplicaSet': replicaSet,
  'batch/v1/Job': job,
  'batch/v1/CronJob': cronJob,
};

/** Applies the API server's defaults of `object`'s kind to it, in place. */
export function applyDefaults(object: Fields): void {
  BY_KIND[`${String(object.apiVersion)}/${String(object.kind)}`]?.(object);
}
