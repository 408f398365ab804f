/**
 * A one-line readiness summary of a live object, for `status` tables. This is a display heuristic over the
 * common kinds (the deploy-time readiness rules live in the runtime and decide deployments).
 */
import type { KubernetesObject } from '@kubernetes/client-node';

export interface Summary {
  readonly ready: boolean;
  readonly detail: string;
}

interface Condition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

type Live = KubernetesObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

const num = (value: unknown, fallback = 0): number => (typeof value === 'number' ? value : fallback);

function replicas(object: Live, readyField: string): Summary {
  const want = num(object.spec?.replicas, 1);
  const ready = num(object.status?.[readyField]);
  return { ready: ready >= want, detail: `${ready}/${want} ready` };
}

function conditions(object: Live): Condition[] {
  const list = object.status?.conditions;
  return Array.isArray(list) ? (list as Condition[]) : [];
}

function byKind(object: Live): Summary | undefined {
  const status = object.status ?? {};
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return replicas(object, 'readyReplicas');
    case 'DaemonSet': {
      const want = num(status.desiredNumberScheduled);
      const ready = num(status.numberReady);
      return { ready: ready >= want, detail: `${ready}/${want} ready` };
    }
    case 'Job': {
      const done = conditions(object).some((c) => c.type === 'Complete' && c.status === 'True');
      const failed = conditions(object).find((c) => c.type === 'Failed' && c.status === 'True');
      return { ready: done, detail: failed ? `failed: ${failed.message ?? failed.reason ?? ''}` : `${num(status.succeeded)} succeeded` };
    }
    case 'Pod':
      return { ready: conditions(object).some((c) => c.type === 'Ready' && c.status === 'True'), detail: String(status.phase ?? 'Pending') };
    case 'PersistentVolumeClaim':
      // As deploys judge it: a Pending claim may wait for its first consumer (WaitForFirstConsumer).
      return { ready: status.phase !== 'Lost', detail: String(status.phase ?? 'Pending') };
    default:
      return undefined;
  }
}

/** Kind rules first, then a `Ready` condition, else existing counts as ready (as KRO without readyWhen). */
export function summarize(object: KubernetesObject): Summary {
  const live = object as Live;
  const known = byKind(live);
  if (known) return known;
  const ready = conditions(live).find((c) => c.type === 'Ready');
  if (ready) return { ready: ready.status === 'True', detail: ready.status === 'True' ? 'Ready' : `${ready.reason ?? 'not ready'}${ready.message ? `: ${ready.message}` : ''}` };
  return { ready: true, detail: 'exists' };
}
