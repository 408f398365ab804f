/**
 * Object states and what ready means for each (the README's table, per kind). Every path that judges
 * readiness must give these answers: direct mode's planner, the status reader, and KRO's cel-go on the
 * readyWhen printed into the RGD. The first nine are the probes of issue 12, on which the three old
 * mechanisms disagreed.
 */
export interface ReadinessState {
  readonly name: string;
  readonly object: Record<string, unknown> & { apiVersion: string; kind: string };
  readonly ready: boolean;
  /** A terminal failure (waiting longer cannot help). */
  readonly failed?: boolean;
  /** What the reason must say when not ready. */
  readonly reason?: RegExp;
}

const meta = (generation = 1) => ({ name: 'x', namespace: 'default', generation });
const deploy = (status: Record<string, unknown>, generation = 1, replicas = 3) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(generation), spec: { replicas }, status });
const sts = (status: Record<string, unknown>, generation = 1, updateStrategy?: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(generation), spec: { replicas: 2, ...(updateStrategy ? { updateStrategy } : {}) }, status });
const cond = (type: string, status: string, extra: Record<string, unknown> = {}) => ({ type, status, ...extra });
const flux = (kind: string, group: string, status: Record<string, unknown>, spec: Record<string, unknown> = {}, generation = 1) => ({ apiVersion: `${group}/v1`, kind, metadata: meta(generation), spec, status });
const custom = (status?: Record<string, unknown>, generation = 1) => ({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: meta(generation), spec: { size: 1 }, ...(status ? { status } : {}) });
const chart = { chart: { spec: { chart: 'hello', version: '0.1.0', sourceRef: { kind: 'HelmRepository', name: 'charts' } } } };

export const STATES: readonly ReadinessState[] = [
  // the nine probes of issue 12
  { name: 'Deployment 3/3 ready but 1 available', object: deploy({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 1, conditions: [cond('Available', 'False', { reason: 'MinimumReplicasUnavailable' })] }), ready: false, reason: /^1\/3 availableReplicas; Available=False \(MinimumReplicasUnavailable\)$/ },
  { name: 'Deployment all ready for a stale generation', object: deploy({ observedGeneration: 1, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }, 2), ready: false, reason: /controller has not observed generation 2 yet \(observedGeneration 1\)/ },
  { name: 'DaemonSet without status', object: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta() }, ready: false, reason: /desiredNumberScheduled not reported yet/ },
  { name: 'Job with succeeded: 1', object: { apiVersion: 'batch/v1', kind: 'Job', metadata: meta(), spec: {}, status: { succeeded: 1 } }, ready: true },
  { name: 'Pod Succeeded', object: { apiVersion: 'v1', kind: 'Pod', metadata: meta(), status: { phase: 'Succeeded', conditions: [cond('Ready', 'False', { reason: 'PodCompleted' })] } }, ready: true },
  { name: 'Service LoadBalancer without ingress', object: { apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { type: 'LoadBalancer' }, status: { loadBalancer: {} } }, ready: false, reason: /load balancer ingress/ },
  { name: 'CRD not established', object: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta(), status: { conditions: [cond('NamesAccepted', 'True'), cond('Established', 'False', { reason: 'Installing' })] } }, ready: false, reason: /^Established=False \(Installing\)$/ },
  { name: 'HelmRelease Ready for an old generation', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: 1, conditions: [cond('Ready', 'True', { observedGeneration: 1 })] }, chart, 2), ready: false, reason: /^chart hello@0\.1\.0 from HelmRepository charts: Flux has not reconciled generation 2 yet$/ },
  { name: 'custom kind with Available=False', object: custom({ conditions: [cond('Available', 'False', { reason: 'Scaling', message: 'waiting for pods' })] }), ready: false, reason: /^Available=False \(Scaling\): waiting for pods$/ },
  // custom kinds: what the controller reports
  { name: 'custom kind without status', object: custom(), ready: false, reason: /waiting for its controller to report/ },
  { name: 'custom kind with a status but no conditions or observedGeneration', object: custom({ phase: 'Running' }), ready: false, reason: /waiting for its controller to report/ },
  { name: 'custom kind without conditions, observedGeneration current', object: custom({ observedGeneration: 2 }, 2), ready: true },
  { name: 'custom kind without conditions, observedGeneration behind', object: custom({ observedGeneration: 1 }, 2), ready: false, reason: /not observed generation 2 yet \(observedGeneration 1\)/ },
  { name: 'custom kind Ready=True', object: custom({ conditions: [cond('Ready', 'True')] }), ready: true },
  { name: 'custom kind Ready=True for an old generation (condition)', object: custom({ conditions: [cond('Ready', 'True', { observedGeneration: 1 })] }, 2), ready: false, reason: /not observed generation 2 yet \(observedGeneration 1\)/ },
  { name: 'custom kind Ready=True, status.observedGeneration behind', object: custom({ observedGeneration: 1, conditions: [cond('Ready', 'True')] }, 2), ready: false },
  { name: 'custom kind Ready wins over Available', object: custom({ conditions: [cond('Available', 'True'), cond('Ready', 'False')] }), ready: false, reason: /^Ready=False$/ },
  { name: 'custom kind Available=True', object: custom({ conditions: [cond('Available', 'True')] }), ready: true },
  { name: 'nested KRO instance IN_PROGRESS', object: { apiVersion: 'kro.run/v1alpha1', kind: 'Backend', metadata: meta(), spec: {}, status: { state: 'IN_PROGRESS', conditions: [cond('InstanceManaged', 'True', { observedGeneration: 1 }), cond('ResourcesReady', 'False', { observedGeneration: 1, reason: 'NotReady' }), cond('Ready', 'False', { observedGeneration: 1, reason: 'NotReady', message: 'awaiting resource readiness' })] } }, ready: false, reason: /^Ready=False \(NotReady\): awaiting resource readiness$/ },
  { name: 'nested KRO instance ACTIVE', object: { apiVersion: 'kro.run/v1alpha1', kind: 'Backend', metadata: meta(), spec: {}, status: { state: 'ACTIVE', conditions: [cond('Ready', 'True', { observedGeneration: 1 })] } }, ready: true },
  // workloads
  { name: 'Deployment available', object: deploy({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }), ready: true },
  // trial 11 U3: an update whose new pod never becomes ready; the old pod keeps the counts up (kubectl: "1 old replicas are pending termination")
  { name: 'Deployment update stuck: new pod unready, old pod ready', object: deploy({ observedGeneration: 2, replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1 }, 2, 1), ready: false, reason: /^1 old replicas pending termination$/ },
  { name: 'Deployment update observed, new pod not created yet (readyReplicas 2 of 1)', object: deploy({ observedGeneration: 2, replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 }, 2, 1), ready: false, reason: /^1 old replicas pending termination$/ },
  { name: 'Deployment update: new pods created, none available yet', object: deploy({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 }, 2), ready: false, reason: /^0\/3 readyReplicas$/ },
  { name: 'Deployment scaling down (3 updated replicas for 1)', object: deploy({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }, 2, 1), ready: false, reason: /^3\/1 updatedReplicas$/ },
  { name: 'Deployment scaled to 0, a pod still terminating', object: deploy({ observedGeneration: 1, replicas: 1 }, 1, 0), ready: false, reason: /^1 old replicas pending termination$/ },
  { name: 'Deployment without spec.replicas (default 1) available', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(), spec: {}, status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 } }, ready: true },
  { name: 'Deployment just created (no status)', object: deploy({}), ready: false, reason: /controller has not observed generation 1 yet \(observedGeneration 0\)/ },
  { name: 'Deployment rolling out (old pods available)', object: deploy({ observedGeneration: 1, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 }), ready: false, reason: /^1\/3 updatedReplicas$/ },
  { name: 'Deployment scaled to 0', object: deploy({ observedGeneration: 1 }, 1, 0), ready: true },
  // kubectl rollout status: ProgressDeadlineExceeded is its one terminal verdict; other Progressing=False reasons are waited out
  { name: 'Deployment past its progress deadline', object: deploy({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3, conditions: [cond('Available', 'False', { reason: 'MinimumReplicasUnavailable' }), cond('Progressing', 'False', { reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x-5d8f" has timed out progressing.' })] }), ready: false, failed: true, reason: /^rollout exceeded its progress deadline \(spec\.progressDeadlineSeconds 600s\): ReplicaSet "x-5d8f" has timed out progressing\.$/ },
  { name: 'Deployment past its progress deadline, with spec.progressDeadlineSeconds', object: { ...deploy({ observedGeneration: 1, replicas: 1, updatedReplicas: 1, conditions: [cond('Progressing', 'False', { reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x-1" has timed out progressing.' })] }, 1, 1), spec: { replicas: 1, progressDeadlineSeconds: 5 } }, ready: false, failed: true, reason: /^rollout exceeded its progress deadline \(spec\.progressDeadlineSeconds 5s\): ReplicaSet "x-1" has timed out progressing\.$/ },
  { name: 'Deployment past the deadline of an older generation (update not observed yet)', object: deploy({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, conditions: [cond('Progressing', 'False', { reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x-5d8f" has timed out progressing.' })] }, 2), ready: false, reason: /^controller has not observed generation 2 yet/ },
  { name: 'Deployment whose new ReplicaSet a quota refused (Progressing=False, retried)', object: deploy({ observedGeneration: 1, conditions: [cond('Progressing', 'False', { reason: 'ReplicaSetCreateError', message: 'Failed to create new replica set "x-5d8f": exceeded quota' })] }), ready: false, reason: /^0\/3 updatedReplicas; Progressing=False \(ReplicaSetCreateError\): Failed to create new replica set "x-5d8f": exceeded quota$/ },
  { name: 'Deployment paused (Progressing=Unknown)', object: deploy({ observedGeneration: 1, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: [cond('Progressing', 'Unknown', { reason: 'DeploymentPaused' })] }), ready: false, reason: /^1\/3 updatedReplicas; Progressing=Unknown \(DeploymentPaused\)$/ },
  { name: 'Deployment rolled out after an earlier deadline (Progressing=True again)', object: deploy({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions: [cond('Progressing', 'True', { reason: 'NewReplicaSetAvailable' })] }), ready: true },
  { name: 'StatefulSet ready', object: sts({ observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, currentRevision: 'x-a', updateRevision: 'x-a' }), ready: true },
  { name: 'StatefulSet update observed, no pod updated yet', object: sts({ observedGeneration: 2, replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, currentRevision: 'x-a', updateRevision: 'x-b' }, 2), ready: false, reason: /^0\/2 updatedReplicas$/ },
  { name: 'StatefulSet all pods updated, revision not swapped yet', object: sts({ observedGeneration: 2, replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, currentRevision: 'x-a', updateRevision: 'x-b' }, 2), ready: false, reason: /^rolling update to revision x-b not finished \(currentRevision x-a\)$/ },
  { name: 'StatefulSet update stuck: last pod updated but not ready', object: sts({ observedGeneration: 2, replicas: 2, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1, currentReplicas: 1, currentRevision: 'x-a', updateRevision: 'x-b' }, 2), ready: false, reason: /^1\/2 readyReplicas$/ },
  { name: 'StatefulSet partitioned update done (partition 1 of 2)', object: sts({ observedGeneration: 2, replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 1, currentReplicas: 1, currentRevision: 'x-a', updateRevision: 'x-b' }, 2, { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }), ready: true },
  { name: 'StatefulSet OnDelete: ready counts only', object: sts({ observedGeneration: 2, replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, currentRevision: 'x-a', updateRevision: 'x-b' }, 2, { type: 'OnDelete' }), ready: true },
  { name: 'StatefulSet at 0 replicas', object: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(), spec: { replicas: 0 }, status: { observedGeneration: 1, replicas: 0, availableReplicas: 0, currentRevision: 'x-a', updateRevision: 'x-a' } }, ready: true },
  { name: 'StatefulSet short of ready replicas', object: sts({ observedGeneration: 1, replicas: 2, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 2 }), ready: false, reason: /^1\/2 readyReplicas$/ },
  { name: 'ReplicaSet without replicas (default 1) ready', object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(), spec: {}, status: { observedGeneration: 1, readyReplicas: 1, availableReplicas: 1 } }, ready: true },
  { name: 'DaemonSet ready', object: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(), status: { observedGeneration: 1, desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2 } }, ready: true },
  { name: 'DaemonSet update observed, 1 of 2 pods updated (old pod still ready)', object: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(2), status: { observedGeneration: 2, desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 1 } }, ready: false, reason: /^1\/2 updatedNumberScheduled$/ },
  { name: 'DaemonSet OnDelete: ready counts only', object: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(2), spec: { updateStrategy: { type: 'OnDelete' } }, status: { observedGeneration: 2, desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2 } }, ready: true },
  { name: 'DaemonSet with 1 of 2 available', object: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(), status: { observedGeneration: 1, desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 1 } }, ready: false, reason: /^1\/2 numberAvailable$/ },
  { name: 'Job running', object: { apiVersion: 'batch/v1', kind: 'Job', metadata: meta(), spec: { completions: 2 }, status: { active: 1, succeeded: 1 } }, ready: false, reason: /^1\/2 completions$/ },
  { name: 'Job Failed', object: { apiVersion: 'batch/v1', kind: 'Job', metadata: meta(), spec: {}, status: { failed: 6, conditions: [cond('Failed', 'True', { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' })] } }, ready: false, failed: true, reason: /^job failed: Failed=True \(BackoffLimitExceeded\): Job has reached the specified backoff limit$/ },
  { name: 'Pod Running and Ready', object: { apiVersion: 'v1', kind: 'Pod', metadata: meta(), status: { phase: 'Running', conditions: [cond('Ready', 'True')] } }, ready: true },
  { name: 'Pod Pending', object: { apiVersion: 'v1', kind: 'Pod', metadata: meta(), status: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', { reason: 'Unschedulable' })] } }, ready: false, reason: /^pod phase Pending; PodScheduled=False \(Unschedulable\)$/ },
  { name: 'Pod Failed', object: { apiVersion: 'v1', kind: 'Pod', metadata: meta(), status: { phase: 'Failed' } }, ready: false, failed: true },
  // other built-in kinds
  { name: 'Service ClusterIP', object: { apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { type: 'ClusterIP' } }, ready: true },
  { name: 'Service LoadBalancer with ingress', object: { apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } } }, ready: true },
  { name: 'PVC Pending (may wait for its first consumer)', object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), status: { phase: 'Pending' } }, ready: true },
  { name: 'PVC Lost', object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), status: { phase: 'Lost' } }, ready: false, reason: /phase Lost/ },
  { name: 'Namespace Terminating', object: { apiVersion: 'v1', kind: 'Namespace', metadata: meta(), status: { phase: 'Terminating' } }, ready: false, reason: /^phase Terminating, waiting for Active$/ },
  { name: 'Namespace Active', object: { apiVersion: 'v1', kind: 'Namespace', metadata: meta(), status: { phase: 'Active' } }, ready: true },
  { name: 'CRD established', object: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta(), status: { conditions: [cond('Established', 'True')] } }, ready: true },
  { name: 'ConfigMap (ready once it exists)', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(), data: {} }, ready: true },
  { name: 'Ingress (ready once it exists)', object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(), spec: {} }, ready: true },
  // Flux
  { name: 'HelmRelease Ready for its generation', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: 2, conditions: [cond('Ready', 'True', { observedGeneration: 2 })] }, chart, 2), ready: true },
  { name: 'HelmRelease Ready written, status.observedGeneration not yet (the patch helper writes conditions first)', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: -1, conditions: [cond('Ready', 'True', { observedGeneration: 1 })] }, chart), ready: false, reason: /^chart hello@0\.1\.0 from HelmRepository charts: Flux has not reconciled generation 1 yet \(status\.observedGeneration -1\)$/ },
  // The CI flake of stop 34: a reconcile of generation 1 that ends after the spec changed writes Ready=True
  // stamped with generation 2 (flux's patch helper re-reads the object for conditions) and observedGeneration 1.
  { name: 'HelmRelease Ready stamped with the new generation by a reconcile of the old one', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: 1, lastAttemptedGeneration: 1, conditions: [cond('Ready', 'True', { observedGeneration: 2 })] }, chart, 2), ready: false, reason: /^chart hello@0\.1\.0 from HelmRepository charts: Flux has not reconciled generation 2 yet \(status\.observedGeneration 1\)$/ },
  { name: 'HelmRelease upgrade failed, stamped with the new generation by a reconcile of the old one', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: 1, lastAttemptedGeneration: 1, conditions: [cond('Ready', 'False', { observedGeneration: 2, reason: 'UpgradeFailed', message: 'timed out' })] }, chart, 2), ready: false, reason: /^chart hello@0\.1\.0 from HelmRepository charts: Ready=False \(UpgradeFailed\): timed out$/ },
  { name: 'HelmRelease without conditions yet', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: 1 }), ready: false, reason: /^waiting for Flux to report Ready$/ },
  { name: 'HelmRelease install failed for the current generation', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: -1, lastAttemptedGeneration: 1, conditions: [cond('Ready', 'False', { observedGeneration: 1, reason: 'InstallFailed', message: "values don't meet the specifications of the schema" })] }, chart), ready: false, failed: true, reason: /^chart hello@0\.1\.0 from HelmRepository charts: InstallFailed: values don't meet the specifications of the schema \(Flux keeps retrying/ },
  { name: 'HelmRelease waiting for its source', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: -1, conditions: [cond('Ready', 'False', { observedGeneration: 1, reason: 'SourceNotReady', message: 'no chart name found' })] }, chart), ready: false, reason: /^chart hello@0\.1\.0 from HelmRepository charts: Ready=False \(SourceNotReady\): no chart name found$/ },
  { name: 'HelmRelease Stalled', object: flux('HelmRelease', 'helm.toolkit.fluxcd.io', { observedGeneration: 1, conditions: [cond('Ready', 'False', { reason: 'InstallFailed', message: 'values do not meet the schema' }), cond('Stalled', 'True', { reason: 'RetriesExceeded', message: 'Failed to install after 1 attempt(s)' })] }), ready: false, failed: true, reason: /^Flux stopped retrying \(Stalled\): RetriesExceeded: Failed to install after 1 attempt\(s\): values do not meet the schema$/ },
  { name: 'HelmRepository Ready', object: flux('HelmRepository', 'source.toolkit.fluxcd.io', { observedGeneration: 1, conditions: [cond('Ready', 'True')] }, { url: 'https://charts.example.com' }), ready: true },
  { name: 'HelmRepository of type oci (no conditions by design)', object: flux('HelmRepository', 'source.toolkit.fluxcd.io', {}, { type: 'oci', url: 'oci://example.com/charts' }), ready: true },
  { name: 'GitRepository Ready=False', object: flux('GitRepository', 'source.toolkit.fluxcd.io', { observedGeneration: 1, conditions: [cond('Ready', 'False', { reason: 'GitOperationFailed', message: 'auth failed' })] }), ready: false, reason: /^Ready=False \(GitOperationFailed\): auth failed$/ },
  { name: 'Kustomization Ready', object: flux('Kustomization', 'kustomize.toolkit.fluxcd.io', { observedGeneration: 1, conditions: [cond('Ready', 'True')] }), ready: true },
];
