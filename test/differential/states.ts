/**
 * Observed states to evaluate under: nothing observed yet; every resource created and ready (typical
 * objects of its kind); every resource created with a partial status (the optional fields Kubernetes
 * leaves out until they are non-zero — `readyReplicas` of a Deployment with none ready, a Service's load
 * balancer — are absent); every other resource of the ready state only. Objects are the manifests the concrete evaluation renders plus what the API
 * server adds, refined until the manifests stop changing (later resources read earlier ones).
 */
import type { ConcreteEvaluation } from '../../src/index.js';
import { asStored } from '../../src/testing/offline/observe.js';

export type KubeObject = Record<string, unknown>;
export type ObservedMap = ReadonlyMap<string, KubeObject | readonly KubeObject[]>;

export interface ObservedState {
  readonly name: 'nothing' | 'ready' | 'partial' | 'mixed';
  /** Compiled `pending` against a JavaScript value is accepted here (nothing can be known yet). */
  readonly tolerant: boolean;
  readonly observed: ObservedMap;
  /**
   * False when refining stopped because JavaScript refused the objects it had rendered (two objects of one
   * name): the observed objects are then an earlier round's, which their own resources no longer render.
   */
  readonly settled: boolean;
}

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function replicasOf(manifest: KubeObject): number {
  const replicas = asRecord(manifest.spec).replicas;
  return typeof replicas === 'number' ? replicas : 1;
}

/** What the API server and the kind's controller add to a created object. */
function served(manifest: KubeObject, ready: boolean, namespace: string): KubeObject {
  const metadata = { namespace, uid: 'uid-0001', generation: 1, resourceVersion: '1', ...asRecord(manifest.metadata) };
  const spec = asRecord(manifest.spec);
  const kind = manifest.kind;
  const n = replicasOf(manifest);
  let status: Record<string, unknown> | undefined;
  let extraSpec: Record<string, unknown> = {};
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      status = ready
        ? { observedGeneration: 1, replicas: n, readyReplicas: n, availableReplicas: n, updatedReplicas: n, currentReplicas: n, conditions: [{ type: 'Available', status: 'True' }] }
        : { observedGeneration: 1, replicas: n };
      break;
    case 'DaemonSet':
      status = ready
        ? { observedGeneration: 1, desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0 }
        : { observedGeneration: 1, desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0 };
      break;
    case 'Service':
      extraSpec = spec.clusterIP === undefined ? { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] } : {};
      status = ready && spec.type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } } : ready ? { loadBalancer: {} } : undefined;
      break;
    case 'Ingress':
      status = ready ? { loadBalancer: { ingress: [{ ip: '203.0.113.20' }] } } : undefined;
      break;
    case 'Job':
      status = ready ? { succeeded: 1, startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:01:00Z', conditions: [{ type: 'Complete', status: 'True' }] } : { active: 1, startTime: '2026-01-01T00:00:00Z' };
      break;
    case 'CronJob':
      status = ready ? { lastScheduleTime: '2026-01-01T00:00:00Z', lastSuccessfulTime: '2026-01-01T00:01:00Z' } : undefined;
      break;
    case 'PersistentVolumeClaim':
      status = ready ? { phase: 'Bound', accessModes: spec.accessModes, capacity: asRecord(asRecord(spec.resources).requests) } : { phase: 'Pending' };
      break;
    case 'Namespace':
      status = ready ? { phase: 'Active' } : undefined;
      break;
    case 'HorizontalPodAutoscaler':
      status = ready ? { currentReplicas: 2, desiredReplicas: 2 } : undefined;
      break;
    case 'ConfigMap':
    case 'Secret':
    case 'ServiceAccount':
    case 'Role':
    case 'RoleBinding':
    case 'ClusterRole':
    case 'ClusterRoleBinding':
    case 'NetworkPolicy':
      break;
    default:
      status = ready ? { ready: true, phase: 'Ready', conditions: [{ type: 'Ready', status: 'True' }] } : undefined;
  }
  const object: KubeObject = asStored({ ...manifest, metadata });
  if (Object.keys(extraSpec).length > 0) object.spec = { ...spec, ...extraSpec };
  if (status !== undefined) object.status = status;
  return object;
}

function matches(object: KubeObject, target: Record<string, unknown>): boolean {
  return object.kind === target.kind && asRecord(object.metadata).name === target.name;
}

/** What observed objects are made from: the rendered resources. */
export type Rendered = Pick<ConcreteEvaluation, 'resources'>;

/** Observed objects for what `evaluation` renders (external references resolved from `prerequisites`). */
export function observedFrom(evaluation: Rendered, ready: boolean, namespace: string, prerequisites: readonly KubeObject[]): Map<string, KubeObject | KubeObject[]> {
  const observed = new Map<string, KubeObject | KubeObject[]>();
  for (const resource of evaluation.resources) {
    if (resource.included !== true) continue;
    if (resource.external !== undefined) {
      const found = prerequisites.find((object) => matches(object, asRecord(resource.external)));
      if (found) observed.set(resource.id, served(found, ready, namespace));
      continue;
    }
    const objects = resource.manifests.map((manifest) => served(manifest as KubeObject, ready, namespace));
    observed.set(resource.id, resource.collection ? objects : objects[0]!);
  }
  return observed;
}

/** The four states; `evaluate` is the concrete evaluation under an observed map. */
/**
 * `seed` renders the first objects when JavaScript cannot run with nothing observed (a `Cel.expr` given an
 * absent field throws): the state only has to be the same world for both sides, not a realistic one.
 */
export function observedStates(
  evaluate: (observed: ObservedMap) => ConcreteEvaluation,
  namespace: string,
  prerequisites: readonly KubeObject[],
  seed: () => Rendered,
  dependencies: (id: string) => readonly string[],
): ObservedState[] {
  const settle = (ready: boolean): { observed: ObservedMap; settled: boolean } => {
    let observed: ObservedMap = new Map();
    let last = '';
    for (let round = 0; round < 5; round++) {
      let evaluation: Rendered;
      try {
        evaluation = evaluate(observed);
      } catch (error) {
        if (round > 0) return { observed, settled: false }; // the evaluation itself reports the error under this state
        evaluation = seed();
      }
      const next = observedFrom(evaluation, ready, namespace, prerequisites);
      const key = JSON.stringify([...next]);
      observed = next;
      if (key === last) break;
      last = key;
    }
    return { observed, settled: true };
  };
  const ready = settle(true);
  return [
    { name: 'nothing', tolerant: true, observed: new Map(), settled: true },
    { name: 'ready', tolerant: false, ...ready },
    { name: 'partial', tolerant: false, ...settle(false) },
    // Some resources observed and others not (a deploy half done): tolerant for the absent ones' reads, as
    // 'nothing' is; what reads only the observed ones must agree.
    { name: 'mixed', tolerant: true, observed: halfDone(ready.observed, dependencies), settled: ready.settled },
  ];
}

/**
 * Every other resource of `ready`, less those that read one left out: a deploy creates a resource only after
 * what it reads, so no deploy is in a state where a reader exists without what it reads (the concrete
 * evaluation refuses such a state).
 */
function halfDone(ready: ObservedMap, dependencies: (id: string) => readonly string[]): ObservedMap {
  const kept = new Map([...ready].filter((_, index) => index % 2 === 0));
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of [...kept.keys()]) {
      if (dependencies(id).some((dependency) => ready.has(dependency) && !kept.has(dependency))) {
        kept.delete(id);
        changed = true;
      }
    }
  }
  return kept;
}
