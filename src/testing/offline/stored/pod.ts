/**
 * The API server's defaults inside a pod spec (a Pod's, a workload's template's), restated from
 * k8s.io/kubernetes pkg/apis/core/v1 (defaults.go and its generated zz_generated.defaults.go, v1.36):
 * SetDefaults_PodSpec, _Container, _Probe, _HTTPGetAction, the volume sources' modes, container ports'
 * protocol. Quantities are not here: the runtime's one walker of them (engine/stored-quantities.ts) writes
 * them after the defaults.
 */

/** A JSON object being defaulted in place (the caller's copy). */
export type Fields = Record<string, unknown>;

export const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `object[key]` as an object, created (and set) when absent. */
export function child(object: Fields, key: string): Fields {
  const value = object[key];
  if (isFields(value)) return value;
  const created: Fields = {};
  object[key] = created;
  return created;
}

/** The objects of the list at `object[key]` (none when it is not a list). */
export const items = (object: Fields, key: string): Fields[] => (Array.isArray(object[key]) ? (object[key] as unknown[]).filter(isFields) : []);

/** Sets `key` when it is absent (null counts as absent: the API server reads it as not set). */
export function fill(object: Fields, key: string, value: unknown): void {
  if (object[key] === undefined || object[key] === null) object[key] = value;
}

/**
 * The pull policy the API server gives a container without one: `Always` when the image's tag is `latest`
 * or it has neither tag nor digest, else `IfNotPresent` (also for a name it cannot parse).
 */
export function pullPolicyOf(image: unknown): 'Always' | 'IfNotPresent' {
  if (typeof image !== 'string') return 'IfNotPresent';
  const [named = '', digest] = image.split('@', 2);
  const slash = named.lastIndexOf('/');
  const colon = named.indexOf(':', slash + 1);
  const repository = colon < 0 ? named : named.slice(0, colon);
  const parts = repository.split('/');
  // The first part is a registry when it has a dot or a port, or is localhost; the rest must be lower case.
  const path = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!) ? parts.slice(1) : parts;
  if (repository === '' || path.some((part) => part === '' || /[A-Z]/.test(part))) return 'IfNotPresent';
  if (colon < 0) return digest === undefined ? 'Always' : 'IfNotPresent';
  return named.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function probe(container: Fields, key: string): void {
  const value = container[key];
  if (!isFields(value)) return;
  fill(value, 'timeoutSeconds', 1);
  fill(value, 'periodSeconds', 10);
  fill(value, 'successThreshold', 1);
  fill(value, 'failureThreshold', 3);
  httpGet(value);
  if (isFields(value.grpc)) fill(value.grpc, 'service', '');
}

function httpGet(handler: Fields): void {
  if (!isFields(handler.httpGet)) return;
  fill(handler.httpGet, 'path', '/');
  fill(handler.httpGet, 'scheme', 'HTTP');
}

function container(value: Fields): void {
  fill(value, 'imagePullPolicy', pullPolicyOf(value.image));
  // A struct without omitempty in the Go type: always returned, empty when not given.
  fill(value, 'resources', {});
  fill(value, 'terminationMessagePath', '/dev/termination-log');
  fill(value, 'terminationMessagePolicy', 'File');
  for (const port of items(value, 'ports')) fill(port, 'protocol', 'TCP');
  for (const env of items(value, 'env')) {
    const from = env.valueFrom;
    if (!isFields(from)) continue;
    if (isFields(from.fieldRef)) fill(from.fieldRef, 'apiVersion', 'v1');
    if (isFields(from.fileKeyRef)) fill(from.fileKeyRef, 'optional', false);
  }
  probe(value, 'livenessProbe');
  probe(value, 'readinessProbe');
  probe(value, 'startupProbe');
  if (isFields(value.lifecycle)) for (const hook of ['postStart', 'preStop']) if (isFields(value.lifecycle[hook])) httpGet(value.lifecycle[hook]);
}

/** Downward API items: a fieldRef's apiVersion. */
function downwardItems(source: Fields): void {
  for (const item of items(source, 'items')) if (isFields(item.fieldRef)) fill(item.fieldRef, 'apiVersion', 'v1');
}

const VOLUME_SOURCES = ['emptyDir', 'hostPath', 'secret', 'configMap', 'persistentVolumeClaim', 'projected', 'downwardAPI', 'ephemeral', 'csi', 'nfs', 'image', 'iscsi', 'rbd', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'scaleIO', 'storageos', 'vsphereVolume', 'awsElasticBlockStore'];

function volume(value: Fields): void {
  if (!VOLUME_SOURCES.some((source) => value[source] !== undefined && value[source] !== null)) value.emptyDir = {};
  if (isFields(value.hostPath)) fill(value.hostPath, 'type', '');
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) if (isFields(value[source])) fill(value[source], 'defaultMode', 420);
  if (isFields(value.downwardAPI)) downwardItems(value.downwardAPI);
  if (isFields(value.projected)) {
    for (const source of items(value.projected, 'sources')) {
      if (isFields(source.downwardAPI)) downwardItems(source.downwardAPI);
      if (isFields(source.serviceAccountToken)) fill(source.serviceAccountToken, 'expirationSeconds', 3600);
    }
  }
  if (isFields(value.image)) fill(value.image, 'pullPolicy', pullPolicyOf(value.image.reference));
  if (isFields(value.ephemeral) && isFields(value.ephemeral.volumeClaimTemplate)) {
    // An embedded ObjectMeta: a struct, which Go's omitempty never leaves out.
    fill(value.ephemeral.volumeClaimTemplate, 'metadata', {});
    if (isFields(value.ephemeral.volumeClaimTemplate.spec)) claimSpec(value.ephemeral.volumeClaimTemplate.spec);
  }
}

/** A PersistentVolumeClaim's spec (a PVC's, a StatefulSet's claim template's, an ephemeral volume's). */
export function claimSpec(spec: Fields): void {
  fill(spec, 'volumeMode', 'Filesystem');
}

/** The defaults of every pod spec (a Pod's and a template's). */
export function podSpec(spec: Fields): void {
  fill(spec, 'dnsPolicy', 'ClusterFirst');
  fill(spec, 'restartPolicy', 'Always');
  fill(spec, 'securityContext', {});
  fill(spec, 'terminationGracePeriodSeconds', 30);
  fill(spec, 'schedulerName', 'default-scheduler');
  for (const value of items(spec, 'volumes')) volume(value);
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) for (const value of items(spec, key)) container(value);
}

/** A pod template (`spec.template` of a workload): its spec's defaults. */
export function podTemplate(template: unknown): void {
  if (!isFields(template)) return;
  // Its ObjectMeta is a struct, which Go's omitempty never leaves out.
  fill(template, 'metadata', {});
  if (isFields(template.spec)) podSpec(template.spec);
}
