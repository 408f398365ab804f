/** The typical observed states (see observed.ts): one function per state a test usually needs. */
import { type ObservedState } from './observed.js';
import type { KubeObject } from '../../runtime/engine/index.js';

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const replicasOf = (applied: KubeObject | undefined): number => {
  const replicas = record(applied?.spec).replicas;
  return typeof replicas === 'number' ? replicas : 1;
};
/**
 * A status count as the API server returns it: the Go types mark most counts `omitempty` (k8s.io/api
 * apps/v1/types.go DeploymentStatus, StatefulSetStatus; batch/v1/types.go JobStatus), so a count of 0 is
 * left out of the JSON and `x.status.readyReplicas` reads `undefined`, not 0 (trial 10 K03: a Deployment
 * at 0 replicas has no `replicas`, `readyReplicas` nor `availableReplicas`). Counts without `omitempty`
 * (StatefulSetStatus `replicas`, `availableReplicas`) are written as they are.
 */
const omitZero = (name: string, count: number): Record<string, number> => (count === 0 ? {} : { [name]: count });
const TIME = '2026-01-01T00:00:00Z';
const UID = '00000000-0000-4000-8000-000000000001';

/**
 * The controller's status of an object at `generation`: a workload controller writes its counts for the
 * generation it observed, which readiness requires to be the current one (`observedGeneration`).
 */
type StatusOf = (applied: KubeObject | undefined, generation: number) => Record<string, unknown> | undefined;

/** What the API server adds to any object it stores, then the controller's status. */
function state(apiVersion: string | undefined, kind: string | undefined, description: string, status: StatusOf): ObservedState {
  return {
    ...(apiVersion ? { apiVersion } : {}),
    ...(kind ? { kind } : {}),
    description,
    object(applied) {
      const base = applied ?? {};
      const object: KubeObject = { ...base, metadata: { generation: 1, uid: UID, resourceVersion: '1', creationTimestamp: TIME, ...record(base.metadata) } };
      if (apiVersion !== undefined && object.apiVersion === undefined) object.apiVersion = apiVersion;
      if (kind !== undefined && object.kind === undefined) object.kind = kind;
      const generation = record(object.metadata).generation;
      const computed = status(applied, typeof generation === 'number' ? generation : 1);
      if (computed !== undefined) object.status = computed;
      return object;
    },
  };
}

/**
 * A Deployment whose every replica (`spec.replicas`, default 1) is updated, ready and available, with the
 * conditions the controller then reports. Counts of 0 are left out, as the API server returns them
 * (`omitempty`): at `replicas: 0` the status has no `replicas`, `readyReplicas` or `availableReplicas`.
 *
 * @example
 * import { deploymentAvailable } from 'typekro/testing';
 * deploymentAvailable().object({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 3 } }).status; // => { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] }
 * deploymentAvailable().object({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 0 } }).status; // => { observedGeneration: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] }
 */
export function deploymentAvailable(): ObservedState {
  return state('apps/v1', 'Deployment', 'Deployment available', (applied, observedGeneration) => {
    const n = replicasOf(applied);
    return {
      observedGeneration,
      ...omitZero('replicas', n),
      ...omitZero('updatedReplicas', n),
      ...omitZero('readyReplicas', n),
      ...omitZero('availableReplicas', n),
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    };
  });
}

/**
 * A Deployment rolling out: all its replicas (`spec.replicas`, default 1) created and updated, `ready` of them
 * ready and available (default none), the rest unavailable; `old` replicas of the previous ReplicaSet still
 * running and ready (default none). With `old`, it is a rollout stuck on new pods that never become ready
 * (a bad image, an unschedulable pod): the counts reach `spec.replicas` with the old pods, and the
 * Deployment is not ready (kubectl: "old replicas are pending termination"). Counts of 0 are left out, as
 * the API server returns them (`omitempty`).
 *
 * @example
 * import { deploymentProgressing } from 'typekro/testing';
 * deploymentProgressing({ ready: 1 }).object({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 3 } }).status; // => { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 2, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }] }
 * deploymentProgressing().object({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2 } }).status; // => { observedGeneration: 1, replicas: 2, updatedReplicas: 2, unavailableReplicas: 2, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }] }
 * deploymentProgressing({ old: 1 }).object({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 1 } }).status; // => { observedGeneration: 1, replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }] }
 */
export function deploymentProgressing(options: { readonly ready?: number; readonly old?: number } = {}): ObservedState {
  const ready = options.ready ?? 0;
  const old = options.old ?? 0;
  return state('apps/v1', 'Deployment', `Deployment progressing (${ready} ready${old > 0 ? `, ${old} old` : ''})`, (applied, observedGeneration) => {
    const n = replicasOf(applied);
    return {
      observedGeneration,
      ...omitZero('replicas', n + old),
      ...omitZero('updatedReplicas', n),
      ...omitZero('readyReplicas', ready + old),
      ...omitZero('availableReplicas', ready + old),
      // The controller's unavailableReplicas: the replicas of all ReplicaSets minus the available ones, never below 0.
      ...omitZero('unavailableReplicas', Math.max(0, n - ready)),
      conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }],
    };
  });
}

/**
 * A StatefulSet whose every replica (`spec.replicas`, default 1) is updated, ready and available, its rolling
 * update finished (`currentRevision` is `updateRevision`: `<name>-<hash>`). `replicas` and
 * `availableReplicas` are always written (no `omitempty` in StatefulSetStatus); the other counts are left out
 * at 0, as the API server returns them.
 *
 * @example
 * import { statefulSetReady } from 'typekro/testing';
 * statefulSetReady().object({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2 } }).status; // => { observedGeneration: 1, replicas: 2, currentReplicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, currentRevision: 'db-5d8f7c9b4', updateRevision: 'db-5d8f7c9b4' }
 * statefulSetReady().object({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 0 } }).status; // => { observedGeneration: 1, replicas: 0, availableReplicas: 0, currentRevision: 'db-5d8f7c9b4', updateRevision: 'db-5d8f7c9b4' }
 */
export function statefulSetReady(): ObservedState {
  return state('apps/v1', 'StatefulSet', 'StatefulSet ready', (applied, observedGeneration) => {
    const n = replicasOf(applied);
    const name = record(applied?.metadata).name;
    // The controller's revision: a ControllerRevision named after the StatefulSet and the template's hash.
    const revision = `${typeof name === 'string' ? name : 'statefulset'}-5d8f7c9b4`;
    return {
      observedGeneration,
      replicas: n,
      ...omitZero('currentReplicas', n),
      ...omitZero('updatedReplicas', n),
      ...omitZero('readyReplicas', n),
      availableReplicas: n,
      currentRevision: revision,
      updateRevision: revision,
    };
  });
}

/**
 * A Job that completed: condition `Complete`, `succeeded` its `spec.completions` (default 1; left out at 0,
 * as the API server returns it: `omitempty` in JobStatus).
 *
 * @example
 * import { jobSucceeded } from 'typekro/testing';
 * jobSucceeded().object(undefined).status; // => { startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:01:00Z', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }
 * jobSucceeded().object({ apiVersion: 'batch/v1', kind: 'Job', spec: { completions: 3 } }).status; // => { startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:01:00Z', succeeded: 3, conditions: [{ type: 'Complete', status: 'True' }] }
 */
export function jobSucceeded(): ObservedState {
  return state('batch/v1', 'Job', 'Job succeeded', (applied) => {
    const completions = record(applied?.spec).completions;
    const succeeded = typeof completions === 'number' ? completions : 1;
    return { startTime: TIME, completionTime: '2026-01-01T00:01:00Z', ...omitZero('succeeded', succeeded), conditions: [{ type: 'Complete', status: 'True' }] };
  });
}

/**
 * A Job still running (one active pod).
 *
 * @example
 * import { jobRunning } from 'typekro/testing';
 * jobRunning().object(undefined).status; // => { startTime: '2026-01-01T00:00:00Z', active: 1 }
 */
export function jobRunning(): ObservedState {
  return state('batch/v1', 'Job', 'Job running', () => ({ startTime: TIME, active: 1 }));
}

/**
 * A Job that failed (condition `Failed`): a deploy stops at once with its message.
 *
 * @example
 * import { jobFailed } from 'typekro/testing';
 * jobFailed('image pull failed').object(undefined).status; // => { startTime: '2026-01-01T00:00:00Z', failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'image pull failed' }] }
 */
export function jobFailed(message = 'Job has reached the specified backoff limit'): ObservedState {
  return state('batch/v1', 'Job', 'Job failed', () => ({ startTime: TIME, failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message }] }));
}

/**
 * A Service with a load balancer ingress (an IP, or a hostname when it has a dot and a letter).
 *
 * @example
 * import { serviceWithIngress } from 'typekro/testing';
 * serviceWithIngress('lb.example.com').object(undefined).status; // => { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } }
 */
export function serviceWithIngress(address = '203.0.113.10'): ObservedState {
  const entry = /[a-z]/i.test(address) ? { hostname: address } : { ip: address };
  return state('v1', 'Service', `Service with ingress ${address}`, () => ({ loadBalancer: { ingress: [entry] } }));
}

/**
 * A Service the cluster has not given a load balancer yet (`status.loadBalancer` empty): a `LoadBalancer`
 * Service is then not ready.
 *
 * @example
 * import { serviceWithoutIngress } from 'typekro/testing';
 * serviceWithoutIngress().object(undefined).status; // => { loadBalancer: {} }
 */
export function serviceWithoutIngress(): ObservedState {
  return state('v1', 'Service', 'Service without ingress', () => ({ loadBalancer: {} }));
}

/**
 * A PersistentVolumeClaim bound to a volume.
 *
 * @example
 * import { pvcBound } from 'typekro/testing';
 * pvcBound().object(undefined).status; // => { phase: 'Bound' }
 */
export function pvcBound(): ObservedState {
  return state('v1', 'PersistentVolumeClaim', 'PersistentVolumeClaim bound', () => ({ phase: 'Bound' }));
}

/**
 * Any object whose controller reports condition `Ready`=True for the current generation (custom resources,
 * Flux objects).
 *
 * @example
 * import { conditionReady } from 'typekro/testing';
 * conditionReady().object(undefined).status; // => { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded', observedGeneration: 1 }] }
 */
export function conditionReady(): ObservedState {
  return state(undefined, undefined, 'Ready condition True', (_applied, observedGeneration) => ({ observedGeneration, conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded', observedGeneration }] }));
}

/**
 * Any object as applied, created but with no status yet (a controller has not reported).
 *
 * @example
 * import { created } from 'typekro/testing';
 * created().object({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' } }).metadata; // => { generation: 1, uid: '00000000-0000-4000-8000-000000000001', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', name: 'app' }
 */
export function created(): ObservedState {
  return state(undefined, undefined, 'created, no status', () => undefined);
}
