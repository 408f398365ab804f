/** Facts about Kubernetes kinds that every layer may need without asking an API server. */

/** Kinds that are cluster-scoped in core Kubernetes, for offline rendering (`toYaml`) without discovery. */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'APIService', 'CertificateSigningRequest', 'FlowSchema',
  'PriorityLevelConfiguration', 'ComponentStatus', 'ResourceGraphDefinition',
]);

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
