/** Facts about Kubernetes kinds that every layer may need without asking an API server. */

/** Kinds that are cluster-scoped in core Kubernetes, for offline rendering (`toYaml`) without discovery. */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'APIService', 'CertificateSigningRequest', 'FlowSchema',
  'PriorityLevelConfiguration', 'ComponentStatus', 'ResourceGraphDefinition',
  'ClusterTrustBundle', 'DeviceClass', 'ResourceSlice', 'IPAddress', 'ServiceCIDR', 'VolumeAttributesClass',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'StorageVersionMigration', 'StorageVersion',
  'TokenReview', 'SelfSubjectReview', 'SubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview',
]);

/**
 * API groups whose every kind TypeKro knows the scope of: Kubernetes' own (a kind of these groups is
 * cluster-scoped exactly when {@link CLUSTER_SCOPED_KINDS} lists it) and Flux's (all namespaced).
 */
const KNOWN_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'admissionregistration.k8s.io', 'apiextensions.k8s.io',
  'apiregistration.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'certificates.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io', 'networking.k8s.io', 'node.k8s.io', 'rbac.authorization.k8s.io', 'resource.k8s.io',
  'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
  'source.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io', 'notification.toolkit.fluxcd.io',
  'image.toolkit.fluxcd.io',
]);

/**
 * Scopes of custom kinds, registered by `crdFactory` as factory modules load (keyed `group/Kind`): bounded
 * by the kinds of the code loaded, never by the compositions defined.
 */
const REGISTERED_SCOPES = new Map<string, 'Namespaced' | 'Cluster'>();

function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Records the scope of a custom kind (its CRD's `spec.scope`), so that {@link kindScope} knows it offline.
 *
 * @example
 * ```ts
 * registerKindScope('cert-manager.io/v1', 'ClusterIssuer', 'Cluster');
 * kindScope('cert-manager.io/v1', 'ClusterIssuer'); // => 'Cluster'
 * ```
 */
export function registerKindScope(apiVersion: string, kind: string, scope: 'Namespaced' | 'Cluster'): void {
  REGISTERED_SCOPES.set(`${groupOf(apiVersion)}/${kind}`, scope);
}

/**
 * The scope of a kind as far as it is known without an API server: Kubernetes' and Flux's kinds, and the
 * custom kinds a `crdFactory` registered; `undefined` for any other kind (only discovery can tell).
 *
 * @example
 * ```ts
 * kindScope('v1', 'ConfigMap'); // => 'Namespaced'
 * kindScope('rbac.authorization.k8s.io/v1', 'ClusterRole'); // => 'Cluster'
 * kindScope('example.com/v1', 'Widget'); // => undefined
 * ```
 */
export function kindScope(apiVersion: string, kind: string): 'Namespaced' | 'Cluster' | undefined {
  const group = groupOf(apiVersion);
  const registered = REGISTERED_SCOPES.get(`${group}/${kind}`);
  if (registered) return registered;
  if (!KNOWN_GROUPS.has(group)) return undefined;
  return CLUSTER_SCOPED_KINDS.has(kind) ? 'Cluster' : 'Namespaced';
}

/**
 * True for the kinds that are cluster-scoped in core Kubernetes (and KRO's RGD); a guess for offline work,
 * since custom kinds can be either (the runtime asks the API server instead).
 *
 * @example
 * ```ts
 * isClusterScopedKind('ClusterRole'); // true
 * ```
 */
export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}
