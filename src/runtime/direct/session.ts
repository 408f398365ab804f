/**
 * What one direct deployment works with: the prepared graph, the cluster, the instance identity and the
 * options. Small helpers around KubeClient live here so deploy/delete stay about the algorithm.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { InstanceIdentity, KubeObject, Ownership, PreparedGraph, ReadinessMode } from '../engine/index.js';
import { refOfObject, type KubeClient, type ObjectRef } from '../kube/client.js';

/** A progress event; `type` is one of `apply`, `ready`, `waiting`, `pending`, `delete`, `deleted`, `status`. */
export interface ProgressEvent {
  readonly type: string;
  readonly message: string;
  readonly resourceId?: string;
}

export interface DirectSession {
  readonly prepared: PreparedGraph;
  readonly client: KubeClient;
  readonly instance: InstanceIdentity;
  readonly owner: Ownership;
  readonly spec: unknown;
  readonly readiness: ReadinessMode;
  /** Absolute deadline, ms since the epoch. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly namespaced: (apiVersion: string, kind: string) => Promise<boolean>;
  readonly progress: (event: ProgressEvent) => void;
}

/** Objects from the client as plain JSON (client-node may return model classes with Date fields). */
export function plain(object: KubernetesObject): KubeObject {
  return JSON.parse(JSON.stringify(object)) as KubeObject;
}

export function refOf(object: KubeObject): ObjectRef {
  return refOfObject(object as KubernetesObject);
}

export function remainingMs(session: DirectSession): number {
  return Math.max(0, session.deadline - Date.now());
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/** Sleeps, waking early on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
