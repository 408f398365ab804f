/**
 * Per-kind readiness for direct mode, used only when a resource has no `readyWhen`. KRO itself treats a
 * resource as ready once it exists; direct mode waits for the workload to actually be up, because users
 * call `deploy()` to get a working system back.
 */
import type { KubeObject, Readiness } from './types.js';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

const READY: Readiness = { ready: true, reason: 'ready' };

const notReady = (reason: string): Readiness => ({ ready: false, reason });

type Check = (object: KubeObject) => Readiness;

const CHECKS: Readonly<Record<string, Check>> = {
  Deployment: (o) => replicasReady(o, 'readyReplicas', 'availableReplicas'),
  StatefulSet: (o) => replicasReady(o, 'readyReplicas'),
  ReplicaSet: (o) => replicasReady(o, 'readyReplicas', 'availableReplicas'),
  DaemonSet: daemonSetReady,
  Job: jobReady,
  Pod: podReady,
  Service: serviceReady,
  PersistentVolumeClaim: pvcReady,
  Namespace: (o) => phase(o, 'Active'),
  CustomResourceDefinition: (o) => conditionTrue(o, 'Established') ?? notReady('waiting for condition Established'),
  HelmRelease: fluxReady,
  HelmRepository: (o) => (field(o, 'spec', 'type') === 'oci' ? READY : fluxReady(o)),
  HelmChart: fluxReady,
  GitRepository: fluxReady,
  OCIRepository: fluxReady,
  Bucket: fluxReady,
  Kustomization: fluxReady,
};

/**
 * The readiness of an observed object by its kind; unknown kinds use their `Ready` or `Available`
 * condition when they publish one, else they are ready once they exist.
 *
 * @example
 * ```ts
 * kindReadiness({ kind: 'PersistentVolumeClaim', status: { phase: 'Bound' } }); // { ready: true, ... }
 * ```
 */
export function kindReadiness(object: KubeObject): Readiness {
  const check = CHECKS[String(object.kind ?? '')];
  if (check) return check(object);
  return conditionTrue(object, 'Ready') ?? conditionTrue(object, 'Available') ?? READY;
}

function field(object: unknown, ...path: string[]): unknown {
  let current = object;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** A controller has caught up with the latest spec only when observedGeneration reaches generation. */
function generationCurrent(o: KubeObject): Readiness | undefined {
  const generation = field(o, 'metadata', 'generation');
  const observed = field(o, 'status', 'observedGeneration');
  if (typeof generation === 'number' && num(observed) < generation) {
    return notReady(`controller has not observed generation ${generation} yet (observedGeneration ${num(observed)})`);
  }
  return undefined;
}

function replicasReady(o: KubeObject, ...counters: string[]): Readiness {
  const stale = generationCurrent(o);
  if (stale) return stale;
  const desired = typeof field(o, 'spec', 'replicas') === 'number' ? num(field(o, 'spec', 'replicas')) : 1;
  for (const counter of counters) {
    const have = num(field(o, 'status', counter));
    if (have < desired) return notReady(`${have}/${desired} ${counter}${describeConditions(o)}`);
  }
  return READY;
}

/** HelmRelease Ready reasons that mean a Helm action failed for the current generation (helm-controller v2). */
const HELM_ACTION_FAILED = new Set(['InstallFailed', 'UpgradeFailed', 'TestFailed', 'RollbackFailed', 'RollbackSucceeded', 'UninstallFailed', 'UninstallSucceeded']);

/**
 * Flux objects: Ready=True for the current generation. Fails at once, with Flux's message, when Flux gave up
 * (`Stalled`) or when a Helm action failed for this generation: helm-controller retries such failures
 * forever (values rejected by the chart schema, a template that does not render), so waiting for the
 * deadline would only hide the error. Generation currency comes from the Ready condition, because
 * helm-controller leaves `status.observedGeneration` at -1 until a release first succeeds.
 */
function fluxReady(o: KubeObject): Readiness {
  const ready = findCondition(o, 'Ready');
  const stalled = findCondition(o, 'Stalled');
  const chart = chartOf(o);
  if (stalled?.status === 'True') {
    const detail = [stalled.reason, stalled.message, ready?.message && ready.message !== stalled.message ? ready.message : undefined].filter(Boolean).join(': ');
    return { ready: false, reason: `${chart}Flux stopped retrying (Stalled): ${detail}`, failed: true };
  }
  const generation = field(o, 'metadata', 'generation');
  const observed = field(ready, 'observedGeneration') ?? field(o, 'status', 'observedGeneration');
  if (typeof generation === 'number' && num(observed) < generation) return notReady(`${chart}Flux has not reconciled generation ${generation} yet`);
  if (ready?.status === 'True') return READY;
  if (!ready) return notReady(`${chart}waiting for Flux to report Ready`);
  if (o.kind === 'HelmRelease' && ready.status === 'False' && HELM_ACTION_FAILED.has(ready.reason ?? '')) {
    return { ready: false, reason: `${chart}${ready.reason}: ${ready.message ?? ''} (Flux keeps retrying; fix the input and deploy again)`, failed: true };
  }
  return notReady(`${chart}Ready=${ready.status ?? 'Unknown'}${ready.reason ? ` (${ready.reason})` : ''}${ready.message ? `: ${ready.message}` : ''}`);
}

/** `chart hello@0.1.0 from HelmRepository charts: ` for a HelmRelease, so messages say which chart. */
function chartOf(o: KubeObject): string {
  if (o.kind !== 'HelmRelease') return '';
  const spec = field(o, 'spec', 'chart', 'spec') as { chart?: string; version?: string; sourceRef?: { kind?: string; name?: string } } | undefined;
  if (!spec?.chart) return '';
  return `chart ${spec.chart}${spec.version ? `@${spec.version}` : ''}${spec.sourceRef?.name ? ` from ${spec.sourceRef.kind ?? 'HelmRepository'} ${spec.sourceRef.name}` : ''}: `;
}

function daemonSetReady(o: KubeObject): Readiness {
  const stale = generationCurrent(o);
  if (stale) return stale;
  const desired = field(o, 'status', 'desiredNumberScheduled');
  if (typeof desired !== 'number') return notReady('desiredNumberScheduled not reported yet');
  const ready = num(field(o, 'status', 'numberReady'));
  return ready >= desired ? READY : notReady(`${ready}/${desired} pods ready`);
}

function jobReady(o: KubeObject): Readiness {
  const failed = findCondition(o, 'Failed');
  if (failed?.status === 'True') return notReady(`job failed: ${failed.reason ?? ''} ${failed.message ?? ''}`.trim());
  if (findCondition(o, 'Complete')?.status === 'True') return READY;
  const completions = typeof field(o, 'spec', 'completions') === 'number' ? num(field(o, 'spec', 'completions')) : 1;
  const succeeded = num(field(o, 'status', 'succeeded'));
  return succeeded >= completions ? READY : notReady(`${succeeded}/${completions} completions`);
}

function podReady(o: KubeObject): Readiness {
  if (field(o, 'status', 'phase') === 'Succeeded') return READY;
  return conditionTrue(o, 'Ready') ?? notReady(`pod phase ${String(field(o, 'status', 'phase') ?? 'unknown')}${describeConditions(o)}`);
}

function serviceReady(o: KubeObject): Readiness {
  if (field(o, 'spec', 'type') !== 'LoadBalancer') return READY;
  const ingress = field(o, 'status', 'loadBalancer', 'ingress');
  return Array.isArray(ingress) && ingress.length > 0 ? READY : notReady('waiting for a load balancer ingress');
}

/**
 * Bound, or Pending: a claim of a `WaitForFirstConsumer` storage class (the default on most clusters) binds
 * only once a pod uses it, and that pod is often a dependent of the claim, so waiting for Bound would
 * deadlock the deployment. Lost is not ready.
 */
function pvcReady(o: KubeObject): Readiness {
  const current = field(o, 'status', 'phase');
  if (current === 'Lost') return notReady('claim lost its volume (phase Lost)');
  return current === 'Bound' ? READY : { ready: true, reason: `phase ${String(current ?? 'Pending')} (binding may wait for its first consumer)` };
}

function phase(o: KubeObject, wanted: string): Readiness {
  const current = field(o, 'status', 'phase');
  return current === wanted ? READY : notReady(`phase ${String(current ?? 'unknown')}, waiting for ${wanted}`);
}

function findCondition(o: KubeObject, type: string): Condition | undefined {
  const conditions = field(o, 'status', 'conditions');
  return Array.isArray(conditions) ? (conditions as Condition[]).find((c) => c?.type === type) : undefined;
}

/** Ready when the condition is True, not ready (with its reason) when present otherwise, undefined when absent. */
function conditionTrue(o: KubeObject, type: string): Readiness | undefined {
  const condition = findCondition(o, type);
  if (!condition) return undefined;
  if (condition.status === 'True') return READY;
  return notReady(`condition ${type}=${condition.status ?? 'Unknown'}${condition.reason ? ` (${condition.reason})` : ''}${condition.message ? `: ${condition.message}` : ''}`);
}

/** The object's conditions that are not True, as a suffix for messages. */
export function describeConditions(o: KubeObject): string {
  const conditions = field(o, 'status', 'conditions');
  if (!Array.isArray(conditions)) return '';
  const notTrue = (conditions as Condition[]).filter((c) => c?.status !== 'True');
  if (notTrue.length === 0) return '';
  return `; ${notTrue.map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`).join('; ')}`;
}
