/**
 * Following a namespace's Kubernetes events (core/v1 Event) from now on, and reading pod logs. Both are
 * feedback only: failures here never fail a deployment, they are reported once through `onError`.
 */
import { CoreV1Api } from '@kubernetes/client-node';
import { abortableSleep } from './abort.js';
import { apiError } from './api-errors.js';
import type { KubeClient, ObjectRef } from './client.js';
import { watchCollection } from './watch.js';

const EVENTS = (namespace: string): ObjectRef => ({ apiVersion: 'v1', kind: 'Event', name: '', namespace });

/** The parts of a core/v1 Event direct mode reports. */
export interface ClusterEvent {
  readonly uid: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly involvedObject: { readonly kind: string; readonly name: string; readonly namespace?: string; readonly uid?: string; readonly apiVersion?: string };
  /** ms since the epoch of the last occurrence. */
  readonly at: number;
}

function toEvent(raw: Record<string, unknown>): ClusterEvent | undefined {
  const metadata = (raw.metadata ?? {}) as { uid?: string; creationTimestamp?: string };
  const involved = (raw.involvedObject ?? {}) as ClusterEvent['involvedObject'];
  if (!metadata.uid || !involved.kind) return undefined;
  const time = (raw.lastTimestamp ?? raw.eventTime ?? raw.firstTimestamp ?? metadata.creationTimestamp) as string | undefined;
  const series = raw.series as { count?: number; lastObservedTime?: string } | undefined;
  return {
    uid: metadata.uid,
    type: String(raw.type ?? 'Normal'),
    reason: String(raw.reason ?? ''),
    message: String(raw.message ?? '').trim(),
    count: Number(raw.count ?? series?.count ?? 1),
    involvedObject: involved,
    at: Date.parse(series?.lastObservedTime ?? time ?? '') || Date.now(),
  };
}

/**
 * Watches the events of one namespace until `signal` aborts: from the current resourceVersion, or with
 * `replay` first every event the namespace has (as ADDED); reconnects with backoff when the watch ends. Errors other than a lost
 * connection (403: not allowed to watch events) stop the watcher and are reported once.
 */
export async function watchEvents(
  client: KubeClient,
  namespace: string,
  onEvent: (event: ClusterEvent) => void,
  signal: AbortSignal,
  onError: (message: string) => void,
  options: { replay?: boolean } = {},
): Promise<void> {
  const core = client.config.makeApiClient(CoreV1Api);
  const path = `/api/v1/namespaces/${namespace}/events`;
  let resourceVersion: string | undefined;
  let failures = 0;
  while (!signal.aborted) {
    const restart = new AbortController();
    const stopOnError = AbortSignal.any([signal, restart.signal]);
    try {
      if (!resourceVersion && !options.replay) {
        const list = await client.call('list', EVENTS(namespace), { signal }, () => core.listNamespacedEvent({ namespace, limit: 1 }));
        resourceVersion = list.metadata?.resourceVersion;
      }
      const ended = await watchCollection(client.config, path, { ...(resourceVersion ? { resourceVersion } : {}), allowWatchBookmarks: 'true' }, stopOnError, (type, object) => {
        const version = (object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
        if (type === 'ERROR') {
          resourceVersion = undefined; // expired: start again from now
          return restart.abort();
        }
        if (version) resourceVersion = version;
        if (type !== 'ADDED' && type !== 'MODIFIED') return;
        const event = toEvent(object);
        if (event) onEvent(event);
      });
      if (ended) throw ended;
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      const failure = apiError('watch', EVENTS(namespace), error, client.server);
      if (failure.status === 401 || failure.status === 403) {
        onError(`Kubernetes events of namespace ${namespace} are not shown: ${failure.message}`);
        return;
      }
      failures++;
      await abortableSleep(Math.min(200 * 2 ** Math.min(failures, 4), 3_000), signal);
    }
  }
}

/** The events of a namespace now (one page of up to 500, newest included). */
export async function listEvents(client: KubeClient, namespace: string): Promise<ClusterEvent[]> {
  const core = client.config.makeApiClient(CoreV1Api);
  const list = await client.call('list', EVENTS(namespace), {}, () => core.listNamespacedEvent({ namespace, limit: 500 }));
  return list.items.map((item) => toEvent(JSON.parse(JSON.stringify(item)) as Record<string, unknown>)).filter((e): e is ClusterEvent => e !== undefined);
}

export interface PodLogOptions {
  readonly container?: string;
  readonly tailLines?: number;
}

/** The log of one container of a pod (the API server fetches it from the node). */
export async function readPodLog(client: KubeClient, namespace: string, pod: string, options: PodLogOptions = {}): Promise<string> {
  const core = client.config.makeApiClient(CoreV1Api);
  return client.call('read log of', { apiVersion: 'v1', kind: 'Pod', name: pod, namespace }, {}, () =>
    core.readNamespacedPodLog({ name: pod, namespace, ...(options.container ? { container: options.container } : {}), ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}) }),
  );
}
